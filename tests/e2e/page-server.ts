import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const PAGES = resolve('tests/e2e/pages');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Served with every `*.csp.html` page: the strictest policy a site may set (no script at
 *  all, Trusted Types required), to prove the extension needs no exemption from it. */
export const STRICT_CSP =
  "default-src 'none'; style-src 'self'; script-src 'none'; require-trusted-types-for 'script'; trusted-types 'none'";

export interface PageServer {
  origin: string;
  url(path: string): string;
  close(): Promise<void>;
}

/** Serves tests/e2e/pages on 127.0.0.1 at a free port. */
export async function startPageServer(): Promise<PageServer> {
  const server: Server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = join(PAGES, path);
    if (!file.startsWith(PAGES)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      const headers: Record<string, string> = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' };
      if (file.endsWith('.csp.html')) headers['content-security-policy'] = STRICT_CSP;
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    origin,
    url: (path) => `${origin}/${path.replace(/^\//, '')}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
