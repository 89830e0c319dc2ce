#!/usr/bin/env node
import { createRequire as __crescendoCreateRequire, isBuiltin as __crescendoIsBuiltin } from 'node:module';
const require = ((nodeRequire) => (id) => {
  if (__crescendoIsBuiltin(id)) return nodeRequire(id);
  const message = "Cannot find module '" + id + "' (the Crescendo bundle loads only Node built-ins)";
  throw Object.assign(new Error(message), { code: 'MODULE_NOT_FOUND' });
})(__crescendoCreateRequire(import.meta.url));
import{a as c,c as g}from"./chunks/DQGYXZCD.js";import"./chunks/2RJVF5KF.js";import{existsSync as x}from"node:fs";import{dirname as l,join as A}from"node:path";import{fileURLToPath as E}from"node:url";import{resolve as y}from"node:path";import{parseArgs as b}from"node:util";var t=()=>import("./chunks/TQ6WPNEU.js"),k=`crescendo — marketing operations as code

  crescendo init [--dir PATH]                 set up a repository for Crescendo
  crescendo start <brief.yml> [--dir PATH]    validate a brief and run research
  crescendo status [id] [--dir PATH]          where each campaign stands
  crescendo approve <id> [--dir PATH]         merge the open stage, run the next one
  crescendo revise <id> --feedback TEXT       regenerate the open stage with feedback
  crescendo run <id> <stage> [--dir PATH]     run one stage (e.g. measurement) by hand
  crescendo check <file…> [--json]            validate artifacts; exit 0 only when all pass
  crescendo keywords <export.csv…> [--json]   import, cluster and rank keyword exports
  crescendo demo [--dir PATH]                 a whole example campaign, offline without a key
  crescendo strategy-lock --base REF --head REF [--branch NAME] [--dir PATH]
                                              fail when an approved strategy changes without justification

Without ANTHROPIC_API_KEY only the example brief runs, from shipped sample answers.`;async function f(s,e){try{let{positionals:d,values:a}=b({args:s,allowPositionals:!0,options:{dir:{type:"string"},feedback:{type:"string"},base:{type:"string"},head:{type:"string"},branch:{type:"string"},json:{type:"boolean",default:!1},help:{type:"boolean",short:"h",default:!1}}}),[i,...r]=d,o=y(a.dir??"."),n=(m,p)=>{if(r.length<m)throw new c(`missing ${p}`,{fix:"see `crescendo --help`"})};if(a.help||!i)return e.out(k),i||a.help?0:2;switch(i){case"init":return await(await t()).init(e,o),0;case"start":return n(1,"the brief file"),await(await t()).start(e,o,r[0]),0;case"status":return await(await t()).status(e,o,r[0]),0;case"approve":return n(1,"the campaign id"),await(await t()).approveCommand(e,o,r[0]),0;case"revise":return n(1,"the campaign id"),await(await t()).reviseCommand(e,o,r[0],a.feedback??r.slice(1).join(" ")),0;case"run":return n(2,"the campaign id and the stage"),await(await t()).runCommand(e,o,r[0],r[1]),0;case"check":return await(await t()).check(e,r,a.json);case"keywords":return await(await t()).keywords(e,r,a.json),0;case"demo":return await(await t()).demo(e,a.dir),0;case"strategy-lock":{if(!a.base||!a.head)throw new c("missing --base or --head",{fix:"crescendo strategy-lock --base origin/main --head HEAD"});let{checkStrategyLock:m,pullRequestBody:p}=await import("./chunks/Z2RJFS7M.js"),u=a.branch??process.env.GITHUB_HEAD_REF,w=await p(),h=await m({dir:o,base:a.base,head:a.head,...u?{branch:u}:{},...w===void 0?{}:{body:w}});return e.out(`${h.ok?"✓":"✗"} strategy lock: ${h.message}`),h.ok?0:1}default:throw new c(`unknown command "${i}"`,{fix:"see `crescendo --help`"})}}catch(d){return e.out(`error: ${g(d)}`),1}}function P(s){let e=l(s);for(;!x(A(e,"package.json"))&&l(e)!==e;)e=l(e);return e}var T=P(E(import.meta.url));process.exitCode=await f(process.argv.slice(2),{packageRoot:T,out:s=>console.log(s)});
