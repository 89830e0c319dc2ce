import { createRequire as __crescendoCreateRequire, isBuiltin as __crescendoIsBuiltin } from 'node:module';
const require = ((nodeRequire) => (id) => {
  if (__crescendoIsBuiltin(id)) return nodeRequire(id);
  const message = "Cannot find module '" + id + "' (the Crescendo bundle loads only Node built-ins)";
  throw Object.assign(new Error(message), { code: 'MODULE_NOT_FOUND' });
})(__crescendoCreateRequire(import.meta.url));
import{a}from"./FIL6XJ52.js";import"./MZBQOZRZ.js";import"./LPQWG6WC.js";import"./ULSCTHU6.js";import"./HDGNGQMY.js";import"./S66VKVVI.js";import"./UOY2RAPV.js";import"./IX6EICZX.js";import"./JEN72AV5.js";import"./PKSKVUQX.js";import"./MAFVPVEP.js";import"./DQGYXZCD.js";import"./2RJVF5KF.js";export{a as status};
