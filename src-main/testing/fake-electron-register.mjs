// `node --import tsx --import ./fake-electron-register.mjs dist-main/desktop/electron-main.js`
import { register } from 'node:module';

register('./fake-electron-hooks.mjs', import.meta.url);
