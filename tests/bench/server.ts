import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface BenchServer {
  url(path: string): string;
  close(): Promise<void>;
}

/** Serves the generated pages (by path) and mark.js on loopback. `no-store`, so every run
 *  parses the page as a first visit does. */
export async function startBenchServer(pages: ReadonlyMap<string, string>): Promise<BenchServer> {
  const markJs = readFileSync(resolve('node_modules/mark.js/dist/mark.min.js'));
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const headers = { 'cache-control': 'no-store' };
    if (path === '/mark.js') {
      res.writeHead(200, { ...headers, 'content-type': 'text/javascript' }).end(markJs);
      return;
    }
    const html = pages.get(path) ?? (path === '/blank.html' ? '<!doctype html><title>blank</title>' : undefined);
    if (html === undefined) res.writeHead(404).end('not found');
    else res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('bench server has no port');
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    url: (path) => `${origin}${path}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
