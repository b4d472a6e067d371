// Serves pages that arrive in pieces, as long pages do over a slow network, so that tests can
// watch the extension mark a page while the parser is still working on it.
import { createServer, type Server, type ServerResponse } from 'node:http';

/** A comment that fills the parser's first buffer, so what came before it is parsed at once. */
export const PADDING = `<!--${' '.repeat(4096)}-->`;

/** One piece of a timed page: its bytes, sent `waitMs` after the piece before it. */
export interface TimedPiece {
  bytes: Uint8Array;
  waitMs: number;
}

export interface StreamServer {
  /**
   * A page whose first piece goes out when it is requested and each next one on release();
   * with `pad`, every piece but the last is followed by PADDING.
   */
  manual(pieces: readonly string[], options?: { pad?: boolean }): { url: string; release(): void };
  /** A page whose pieces go out by themselves, each after its wait, the last ending the response. */
  timed(pieces: readonly TimedPiece[]): string;
  close(): Promise<void>;
}

const HEADERS = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };

/** Serves pages on 127.0.0.1 at a free port; each page is served once, at its own path. */
export async function startStreamServer(): Promise<StreamServer> {
  const handlers = new Map<string, (res: ServerResponse) => void>();
  let next = 0;
  const server: Server = createServer((req, res) => {
    const handler = handlers.get(req.url ?? '');
    if (!handler) return void res.writeHead(404).end();
    handlers.delete(req.url ?? '');
    res.writeHead(200, HEADERS);
    handler(res);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const origin = `http://127.0.0.1:${address.port}`;
  const add = (handler: (res: ServerResponse) => void) => {
    const path = `/page/${++next}`;
    handlers.set(path, handler);
    return `${origin}${path}`;
  };

  return {
    manual(pieces, { pad = true } = {}) {
      let response: ServerResponse | null = null;
      let sent = 0;
      const send = () => {
        const piece = pieces[sent++];
        if (piece === undefined) throw new Error('no piece left');
        if (sent === pieces.length) response!.end(piece);
        else response!.write(pad ? piece + PADDING : piece);
      };
      const url = add((res) => {
        response = res;
        send();
      });
      return {
        url,
        release() {
          if (!response) throw new Error('page not requested yet');
          send();
        },
      };
    },
    timed(pieces) {
      return add((res) => {
        let i = 0;
        const send = () => {
          const piece = pieces[i++];
          if (!piece || res.destroyed) return void res.end();
          if (i === pieces.length) res.end(piece.bytes);
          else {
            res.write(piece.bytes);
            setTimeout(send, pieces[i]!.waitMs);
          }
        };
        setTimeout(send, pieces[0]?.waitMs ?? 0);
      });
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
