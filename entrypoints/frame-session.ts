// A subframe's session, imported by the waiting script (frame-wait.content.ts) once the frame
// holds something to mark; listed in the manifest's web_accessible_resources for that.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startFrameSession } from '../src/frame-session';
import { registerFrameSession } from '../src/page/frame-session-file';

export default defineUnlistedScript({
  // Firefox runs the whole content script in every frame (see entrypoints/content.ts).
  exclude: ['firefox'],
  main: () => registerFrameSession(startFrameSession),
});
