// fontkit 2.0 ships no type declarations; pdf-lib describes the part of it that it uses
// (`import * as fontkit from 'fontkit'`: its ES module has named exports only).
declare module 'fontkit' {
  export const create: import('@cantoo/pdf-lib').Fontkit['create'];
}
