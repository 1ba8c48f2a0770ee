// Builds src/main/resources/explorer/world-map.json: the land and the borders between countries of Natural Earth's
// 1:110m "Admin 0 - Countries" (public domain, https://www.naturalearthdata.com/about/terms-of-use/), as packaged
// by world-atlas 2.0.2 (ISC), projected to SVG path data. The service draws its map from this file only.
// Projection: equirectangular (plate carree), x = (lon + 180) * S, y = (84 - lat) * S, latitudes 84 N to 58 S.
// Run: cd tools/map && npm ci && node build.mjs (the output is committed; the service never needs Node).
import { readFileSync, writeFileSync } from "node:fs";
import { feature, mesh } from "topojson-client";

const S = 2.5; // pixels per degree: 900 x 355
const NORTH = 84, SOUTH = -58;
const topo = JSON.parse(readFileSync("node_modules/world-atlas/countries-110m.json", "utf8"));

const x = (lon) => Math.round((lon + 180) * S);
const y = (lat) => Math.round((NORTH - Math.max(SOUTH, Math.min(NORTH, lat))) * S);

// A ring that crosses the antimeridian (Russia's far east, Fiji) jumps across the whole map: lift the pen there.
function ring(points, close) {
  let d = "", last = "", lastLon = null, jumped = false;
  points.forEach(([lon, lat], i) => {
    const p = `${x(lon)} ${y(lat)}`;
    if (p === last) return;
    const jump = lastLon !== null && Math.abs(lon - lastLon) > 180;
    jumped = jumped || jump;
    d += (i === 0 || jump ? "M" : "L") + p;
    last = p;
    lastLon = lon;
  });
  return close && !jumped ? d + "Z" : d;
}

function path(geometry, close) {
  const polys = geometry.type === "Polygon" ? [geometry.coordinates]
    : geometry.type === "MultiPolygon" ? geometry.coordinates
    : geometry.type === "LineString" ? [[geometry.coordinates]]
    : geometry.type === "MultiLineString" ? [geometry.coordinates] : [];
  return polys.flat().map((r) => ring(r, close)).filter((r) => r.split("L").length > 2).join("");
}

const countries = feature(topo, topo.objects.countries).features
  .filter((f) => f.properties.name !== "Antarctica");
const land = countries.map((f) => path(f.geometry, true)).join("");
const borders = path(mesh(topo, topo.objects.countries, (a, b) => a !== b), false);

const out = {
  source: "Natural Earth 1:110m Admin 0 - Countries (public domain), via world-atlas 2.0.2 (ISC, Mike Bostock)",
  projection: { type: "equirectangular", scale: S, north: NORTH, south: SOUTH },
  width: 360 * S,
  height: (NORTH - SOUTH) * S,
  land,
  borders,
};
writeFileSync("../../src/main/resources/explorer/world-map.json", JSON.stringify(out) + "\n");
console.log(`land ${land.length} chars, borders ${borders.length} chars`);
