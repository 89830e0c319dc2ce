import { createRequire as __crescendoCreateRequire, isBuiltin as __crescendoIsBuiltin } from 'node:module';
const require = ((nodeRequire) => (id) => {
  if (__crescendoIsBuiltin(id)) return nodeRequire(id);
  const message = "Cannot find module '" + id + "' (the Crescendo bundle loads only Node built-ins)";
  throw Object.assign(new Error(message), { code: 'MODULE_NOT_FOUND' });
})(__crescendoCreateRequire(import.meta.url));
import{v as a,w as b,x as c}from"./DIFYCTZ2.js";import"./MGLJXWPT.js";import"./UOY2RAPV.js";import"./IX6EICZX.js";import"./FBT4D5J7.js";import"./JEN72AV5.js";import"./PKSKVUQX.js";import"./KTEMPOA3.js";import"./MAFVPVEP.js";import"./DQGYXZCD.js";import"./2RJVF5KF.js";export{a as PROGRESS_MARKER,b as nextAction,c as renderProgress};
