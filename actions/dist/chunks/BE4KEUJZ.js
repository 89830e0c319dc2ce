import { createRequire as __crescendoCreateRequire, isBuiltin as __crescendoIsBuiltin } from 'node:module';
const require = ((nodeRequire) => (id) => {
  if (__crescendoIsBuiltin(id)) return nodeRequire(id);
  const message = "Cannot find module '" + id + "' (the Crescendo bundle loads only Node built-ins)";
  throw Object.assign(new Error(message), { code: 'MODULE_NOT_FOUND' });
})(__crescendoCreateRequire(import.meta.url));
import{a,b,c,d}from"./2KKZNFQQ.js";import"./5NCLHBPS.js";import"./ULSCTHU6.js";import"./AA36OSDL.js";import"./HBHK6UYM.js";import"./S66VKVVI.js";import"./MBCIFMOJ.js";import"./J4O5VZ2Y.js";import"./3475CUJR.js";import"./H5DZWQOF.js";import"./MAFVPVEP.js";import"./DQGYXZCD.js";import"./2RJVF5KF.js";export{a as PUBLISH_USAGE,d as channelsCommand,b as publishCommand,c as summaryLine};
