#!/usr/bin/env bash
# Rebuild truce/web/static/vendor/ from the npm registry: the dashboard's front-end libraries and the
# offline world basemap, each with its licence, so that the wheel serves them with no network.
# Versions are pinned in scripts/web/package.json and package-lock.json (`npm ci` installs exactly those).
set -euo pipefail
cd "$(dirname "$0")/web"
npm ci --ignore-scripts --no-audit --no-fund
out=../../truce/web/static/vendor
rm -rf "$out" && mkdir -p "$out/leaflet/images" "$out/chart.js" "$out/topojson-client" "$out/world-atlas" "$out/swagger-ui" \
  "$out/leaflet.markercluster" "$out/chartjs-adapter-date-fns"
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css "$out/leaflet/"
cp node_modules/leaflet/dist/images/*.png "$out/leaflet/images/"
cp node_modules/leaflet/LICENSE "$out/leaflet/LICENSE"
cp node_modules/chart.js/dist/chart.umd.min.js "$out/chart.js/"
cp node_modules/chart.js/LICENSE.md "$out/chart.js/LICENSE.md"
cp node_modules/topojson-client/dist/topojson-client.min.js "$out/topojson-client/"
cp node_modules/topojson-client/LICENSE "$out/topojson-client/LICENSE"
# Marker clustering for the map (MIT).
cp node_modules/leaflet.markercluster/dist/{leaflet.markercluster.js,MarkerCluster.css,MarkerCluster.Default.css} \
  node_modules/leaflet.markercluster/MIT-LICENCE.txt "$out/leaflet.markercluster/"
# Chart.js's time axis needs a date adapter; the bundle carries date-fns inside it (both MIT).
cp node_modules/chartjs-adapter-date-fns/dist/chartjs-adapter-date-fns.bundle.min.js \
  node_modules/chartjs-adapter-date-fns/LICENSE.md "$out/chartjs-adapter-date-fns/"
cp node_modules/date-fns/LICENSE.md "$out/chartjs-adapter-date-fns/date-fns-LICENSE.md"
# Natural Earth 1:50m country shapes (public domain) as TopoJSON, by Mike Bostock's world-atlas (ISC).
cp node_modules/world-atlas/countries-50m.json node_modules/world-atlas/LICENSE "$out/world-atlas/"
# Swagger UI for the API's /docs page, which FastAPI would otherwise load from a CDN.
cp node_modules/swagger-ui-dist/{swagger-ui-bundle.js,swagger-ui-bundle.js.LICENSE.txt,swagger-ui.css,favicon-32x32.png,LICENSE,NOTICE} "$out/swagger-ui/"
for pkg in leaflet leaflet.markercluster chart.js chartjs-adapter-date-fns topojson-client world-atlas swagger-ui-dist; do
  node -e "const p=require('./node_modules/$pkg/package.json'); console.log(p.name+' '+p.version+' ('+p.license+')')"
done > "$out/VERSIONS.txt"
echo "vendored into $out:" && cat "$out/VERSIONS.txt"
