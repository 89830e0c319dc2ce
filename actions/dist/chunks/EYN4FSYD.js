import { createRequire as __crescendoCreateRequire, isBuiltin as __crescendoIsBuiltin } from 'node:module';
const require = ((nodeRequire) => (id) => {
  if (__crescendoIsBuiltin(id)) return nodeRequire(id);
  const message = "Cannot find module '" + id + "' (the Crescendo bundle loads only Node built-ins)";
  throw Object.assign(new Error(message), { code: 'MODULE_NOT_FOUND' });
})(__crescendoCreateRequire(import.meta.url));
import{a,b,c,d}from"./JLMDIPQB.js";import"./MZBQOZRZ.js";import"./ULSCTHU6.js";import"./IM3NGCAM.js";import"./HDGNGQMY.js";import"./S66VKVVI.js";import"./FBT4D5J7.js";import"./JEN72AV5.js";import"./PKSKVUQX.js";import"./MAFVPVEP.js";import"./DQGYXZCD.js";import"./2RJVF5KF.js";export{a as PUBLISH_USAGE,d as channelsCommand,b as publishCommand,c as summaryLine};
