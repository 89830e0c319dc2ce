import { createRequire as __crescendoCreateRequire, isBuiltin as __crescendoIsBuiltin } from 'node:module';
const require = ((nodeRequire) => (id) => {
  if (__crescendoIsBuiltin(id)) return nodeRequire(id);
  const message = "Cannot find module '" + id + "' (the Crescendo bundle loads only Node built-ins)";
  throw Object.assign(new Error(message), { code: 'MODULE_NOT_FOUND' });
})(__crescendoCreateRequire(import.meta.url));
import{execFile as d}from"node:child_process";import{promisify as a}from"node:util";var s=a(d),o={GIT_AUTHOR_NAME:"Crescendo",GIT_AUTHOR_EMAIL:"crescendo@localhost",GIT_COMMITTER_NAME:"Crescendo",GIT_COMMITTER_EMAIL:"crescendo@localhost"};async function f(n,r,t={}){let i=s("git",r,{cwd:n,env:{...process.env,...o,...t.env},maxBuffer:67108864});t.input!==void 0&&i.child.stdin?.end(t.input);try{let{stdout:e}=await i;return e}catch(e){let c=e.stderr?.trim();throw new Error(`git ${r.join(" ")} failed: ${c||e.message}`)}}async function y(n,r){try{return await f(n,r)}catch{return}}async function m(n,r){try{let{stdout:t}=await s("git",r,{cwd:n,env:{...process.env,...o},encoding:"buffer",maxBuffer:67108864});return new Uint8Array(t.buffer,t.byteOffset,t.byteLength)}catch{return}}export{f as a,y as b,m as c};
