import { launch, load, traced, waitForMarked } from './browser';
import { longBlockPage } from './pages';
import { startBenchServer } from './server';
import type { TraceEvent } from './trace';
const page = longBlockPage(8, 2_000_000, 200);
const server = await startBenchServer(new Map([['/block.html', page.html]]));
const ext = await launch(true);
try {
  await load(ext.page, server.url(`/block.html?mode=none`));
  for (let r = 0; r < 3; r++) {
    const { trace, events } = await traced(ext.page, server.url('/blank.html'), '/block.html', async () => {
      await load(ext.page, server.url(`/block.html?mode=ext`));
      await waitForMarked(ext.page, page.expected);
      await ext.page.waitForTimeout(300);
    });
    const parse = events.find((e) => e.name === 'ParseHTML' && String(e.args?.beginData?.url ?? '').includes('/block.html'))!;
    const own = events.filter((e) => e.pid === parse.pid && e.tid === parse.tid && e.ph === 'X');
    const isExt = (e: TraceEvent) => String(e.args?.data?.url ?? '').startsWith('chrome-extension://');
    const per = trace.tasks.map(([s, e]) => { let t = 0; const items: string[] = []; for (const w of trace.work) if (w.ts >= s && w.ts < e) { t += w.cpu; items.push(((w.ts - s) / 1000).toFixed(1) + ':' + (w.cpu / 1000).toFixed(1)); } return { s, e, t, items }; }).sort((a, b) => b.t - a.t).slice(0, 3);
    for (const x of per) {
      const inside = own.filter((e) => e.ts >= x.s && e.ts < x.e && (e.dur ?? 0) > 1000 && e.name !== 'RunTask' && e.name !== 'ThreadControllerImpl::RunTask');
      let sam = 0; for (const q of trace.samples) if (q.extension && q.ts >= x.s && q.ts < x.e) sam += q.weight;
      console.log(`run ${r} task@${((x.s - parse.ts) / 1000).toFixed(0)} wall ${((x.e - x.s) / 1000).toFixed(1)} exact ${(x.t / 1000).toFixed(1)} sampled ${(sam / 1000).toFixed(1)} items [${x.items.slice(0, 8).join(' ')}${x.items.length > 8 ? ' …' + x.items.length : ''}]`);
      console.log('   ', inside.slice(0, 12).map((e) => `${e.name}${isExt(e) ? '*' : ''}@${((e.ts - x.s) / 1000).toFixed(1)}:${((e.dur ?? 0) / 1000).toFixed(1)}/${((e.tdur ?? 0) / 1000).toFixed(1)}`).join(' '));
    }
  }
} finally { await ext.close(); await server.close(); }
