import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

/** `src/console/assets/`, from the sources (tsx, jest) and from the build (dist/src/console → the repo's src/console/assets). */
function assetsDir(): string {
  const here = path.join(__dirname, 'assets');
  return existsSync(here) ? here : path.join(__dirname, '..', '..', '..', 'src', 'console', 'assets');
}

/**
 * `/console/assets/*`: the stylesheet, the small enhancement script and htmx, straight from
 * its npm package. Nothing comes from a CDN, so the console works offline.
 */
export function assetRoutes(): Router {
  const router = Router();
  const htmx = require.resolve('htmx.org/dist/htmx.min.js');
  router.get('/console/assets/htmx.min.js', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=3600').sendFile(htmx);
  });
  router.use('/console/assets', express.static(assetsDir(), { index: false, maxAge: '1h' }));
  router.use('/console/assets', (_req, res) => {
    res.status(404).type('text/plain').send('No such console asset');
  });
  return router;
}
