"""The JSON API and the analyst's dashboard (`truce serve`)."""
