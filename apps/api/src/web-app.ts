import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/** Paths that belong to the API itself, never to the web app. */
const API_PATHS = /^\/(api|health|metrics)(\/|$)/;

/** Hashed build output (Vite writes `assets/<name>-<hash>.<ext>`): cached for a year, never revalidated. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html, config.js and other unhashed files: revalidated on every use, so a deployment shows at once. */
export const REVALIDATE = 'no-cache';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export interface WebAppOptions {
  /** The built bundle (dist/apps/staff-web or dist/apps/portal-web): index.html, config.js, assets/. */
  dir: string;
  /** The API origin the browser should call, when it is not the page's own (STAFF_WEB_API_URL). */
  apiUrl?: string;
  /** The setting that named `dir` and the app's build directory, for the start-up error (STAFF_WEB_DIR, staff-web). */
  setting?: string;
  app?: 'staff-web' | 'portal-web';
}

/**
 * The Content-Security-Policy of the web app: its own scripts, styles and images only (Vite emits no inline
 * script; config.js is a file), API calls to its own origin and the configured API origin, no framing, no plugins.
 */
export function webAppCsp(apiUrl?: string): Record<string, string[]> {
  const api = apiUrl ? [new URL(apiUrl).origin] : [];
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    // blob: for what the apps fetch with the bearer token and then show or play (audio messages, card photos).
    imgSrc: ["'self'", 'data:', 'blob:'],
    mediaSrc: ["'self'", 'blob:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'", ...api],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  };
}

/**
 * Serves a web app's static bundle from the API (the staff web: STAFF_WEB_DIR; the client portal: PORTAL_WEB_DIR on
 * its own host name, see configure-app.ts), ahead of the API's own headers: hashed
 * files under /assets/ with a year of immutable caching, `/config.js` generated from STAFF_WEB_API_URL, any other
 * file of the bundle and every client-side route (a path without a file extension: /patients/...) as
 * index.html with `no-cache` and an ETag. /api, /health and /metrics pass through to the API; a missing file is
 * a plain 404 (never index.html, so a stale asset URL cannot be answered with HTML).
 */
export function webAppMiddleware(opts: WebAppOptions): (req: Request, res: Response, next: NextFunction) => void {
  const root = resolve(opts.dir);
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile))
    throw new Error(
      `${opts.setting ?? 'STAFF_WEB_DIR'}: ${root} holds no index.html; build it with npm run build (dist/apps/${opts.app ?? 'staff-web'})`,
    );
  const configJs = Buffer.from(
    `// Written by the Cairn API.\nwindow.CAIRN_CONFIG = ${JSON.stringify({ apiBaseUrl: opts.apiUrl ? new URL(opts.apiUrl).origin : '' })};\n`,
  );
  const configEtag = `"${createHash('sha256').update(configJs).digest('base64url').slice(0, 27)}"`;
  const headers = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: webAppCsp(opts.apiUrl) },
    xFrameOptions: { action: 'deny' },
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
  });
  const hsts = helmet.strictTransportSecurity({ maxAge: 31_536_000, includeSubDomains: true });

  const fileIn = (urlPath: string): string | undefined => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return undefined;
    }
    if (decoded.includes('\0')) return undefined;
    const file = resolve(root, `.${decoded}`);
    if (file !== root && !file.startsWith(root + sep)) return undefined;
    try {
      return statSync(file).isFile() ? file : undefined;
    } catch {
      return undefined;
    }
  };

  const send = (
    req: Request,
    res: Response,
    body: { file: string } | { buffer: Buffer; etag: string },
    cacheControl: string,
    type: string,
  ) => {
    let etag: string;
    let length: number;
    if ('file' in body) {
      const st = statSync(body.file);
      etag = `W/"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
      length = st.size;
    } else {
      etag = body.etag;
      length = body.buffer.length;
    }
    res.setHeader('Cache-Control', cacheControl);
    res.setHeader('Content-Type', type);
    res.setHeader('ETag', etag);
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    res.setHeader('Content-Length', String(length));
    res.status(200);
    if (req.method === 'HEAD') res.end();
    else if ('file' in body) createReadStream(body.file).pipe(res);
    else res.end(body.buffer);
  };

  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || API_PATHS.test(req.path)) return next();
    headers(req, res, (err?: unknown) => {
      if (err) return next(err);
      const serve = () => {
        if (req.path === '/config.js') return send(req, res, { buffer: configJs, etag: configEtag }, REVALIDATE, TYPES['.js']!);
        const file = req.path === '/' ? undefined : fileIn(req.path);
        if (file)
          return send(
            req,
            res,
            { file },
            req.path.startsWith('/assets/') ? IMMUTABLE : REVALIDATE,
            TYPES[extname(file)] ?? 'application/octet-stream',
          );
        if (req.path.startsWith('/assets/') || extname(req.path) !== '') {
          res.setHeader('Cache-Control', REVALIDATE);
          res.status(404).type('text/plain').send('Not found');
          return;
        }
        // A client-side route: the app's shell, which routes in the browser.
        return send(req, res, { file: indexFile }, REVALIDATE, TYPES['.html']!);
      };
      if (req.secure) hsts(req, res, () => serve());
      else serve();
    });
  };
}
