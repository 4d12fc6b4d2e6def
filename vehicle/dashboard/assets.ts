// The page's files, read once at start and served from memory: a handful of small files, so
// every request is a map lookup, and an ETag lets a reload skip the bodies.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** URL path → file in public/. A fixed list: nothing outside it is ever read from disk. */
const PAGE_FILES: Record<string, string> = {
  '/': 'index.html',
  '/index.html': 'index.html',
  '/style.css': 'style.css',
  '/app.js': 'app.js',
  '/format.js': 'format.js',
  '/panels.js': 'panels.js',
  '/heatmap.js': 'heatmap.js',
  '/curve.js': 'curve.js',
  '/controls.js': 'controls.js',
  '/favicon.svg': 'favicon.svg',
};

/** The chart library, from node_modules (a dependency), never from a CDN. */
const VENDOR_FILES: Record<string, string> = {
  '/vendor/uPlot.iife.min.js': 'uplot/dist/uPlot.iife.min.js',
  '/vendor/uPlot.min.css': 'uplot/dist/uPlot.min.css',
};

export function loadAssets(publicDir = join(import.meta.dirname, 'public')): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const [url, file] of Object.entries(PAGE_FILES)) assets.set(url, asset(join(publicDir, file)));
  const require = createRequire(import.meta.url);
  for (const [url, spec] of Object.entries(VENDOR_FILES)) {
    // Missing uplot leaves the page working without its chart (the page says so).
    let path: string;
    try {
      path = require.resolve(spec);
    } catch {
      continue;
    }
    assets.set(url, asset(path));
  }
  return assets;
}

function asset(path: string): Asset {
  const body = readFileSync(path);
  const ext = path.slice(path.lastIndexOf('.'));
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`;
  return { body, type: TYPES[ext] ?? 'application/octet-stream', etag };
}
