import { createRequire as __crescendoCreateRequire, isBuiltin as __crescendoIsBuiltin } from 'node:module';
const require = ((nodeRequire) => (id) => {
  if (__crescendoIsBuiltin(id)) return nodeRequire(id);
  const message = "Cannot find module '" + id + "' (the Crescendo bundle loads only Node built-ins)";
  throw Object.assign(new Error(message), { code: 'MODULE_NOT_FOUND' });
})(__crescendoCreateRequire(import.meta.url));
import{a}from"./MQECUQKO.js";import"./5NCLHBPS.js";import"./MOHZHQMY.js";import"./ULSCTHU6.js";import"./HBHK6UYM.js";import"./S66VKVVI.js";import"./D3EZEUA3.js";import"./FXXG7QM7.js";import"./3475CUJR.js";import"./H5DZWQOF.js";import"./MAFVPVEP.js";import"./DQGYXZCD.js";import"./2RJVF5KF.js";export{a as status};
