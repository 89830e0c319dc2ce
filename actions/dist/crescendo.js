#!/usr/bin/env node
import { createRequire as __crescendoCreateRequire, isBuiltin as __crescendoIsBuiltin } from 'node:module';
const require = ((nodeRequire) => (id) => {
  if (__crescendoIsBuiltin(id)) return nodeRequire(id);
  const message = "Cannot find module '" + id + "' (the Crescendo bundle loads only Node built-ins)";
  throw Object.assign(new Error(message), { code: 'MODULE_NOT_FOUND' });
})(__crescendoCreateRequire(import.meta.url));
import{a as d,b as E}from"./chunks/HBOK7NIU.js";import{c as k}from"./chunks/DQGYXZCD.js";import"./chunks/2RJVF5KF.js";import{existsSync as R}from"node:fs";import{dirname as f,join as x}from"node:path";import{fileURLToPath as H}from"node:url";import{resolve as P}from"node:path";import{parseArgs as T}from"node:util";var i=()=>import("./chunks/MDQ5J2RW.js"),v=`crescendo — marketing operations as code

  crescendo init [--dir PATH]                 set up a repository for Crescendo
  crescendo start <brief.yml> [--dir PATH]    validate a brief and run research
  crescendo status [id] [--dir PATH]          where each campaign stands
  crescendo approve <id> [--dir PATH]         merge the open stage, run the next one
            [--override REASON]               accept the strategy's warnings, with a reason
  crescendo revise <id> --feedback TEXT [--asset PATH[:LINE]]… [--changes-requested]
                                              regenerate the open stage (or only the named assets,
                                              or every asset the review sent back) with feedback
  crescendo review <id> [--dir PATH]          the review's findings by line, and its claims to verify
  crescendo verify <id> C1 C2…|--all [--waive REASON]
                                              tick (or waive) claims in review.md on the review branch
  crescendo run <id> <stage> [--dir PATH]     run one stage (e.g. measurement) by hand
  crescendo check <file…> [--json]            validate artifacts; exit 0 only when all pass
  crescendo keywords <export.csv…> [--json]   import, cluster and rank keyword exports
  crescendo attribute <file…> [--model M|all] [--order 1|2|3] [--half-life DAYS] [--lookback DAYS] [--json]
                                              credit conversions to channels by seven models side by side
  crescendo publish [--dir D] [--now ISO-TIME] [--dry-run] [--campaign ID]
                                              publish every approved ledger entry that is due
  crescendo channels check [--dir D]          prove each publishing channel's credentials work
  crescendo demo [--dir PATH]                 a whole example campaign, offline without a key
  crescendo strategy-lock --base REF --head REF [--branch NAME] [--dir PATH]
                                              fail when an approved strategy changes without justification

Without ANTHROPIC_API_KEY only the example brief runs, from shipped sample answers.`,h=r=>({out:r.out,err:r.err??r.out}),C={attribute:async(r,e)=>(await import("./chunks/HZCM6UES.js")).attributeCommand(r,h(e)),publish:async(r,e)=>(await import("./chunks/BE4KEUJZ.js")).publishCommand(r,h(e)),channels:async(r,e)=>(await import("./chunks/BE4KEUJZ.js")).channelsCommand(r,h(e))};async function A(r,e){let o=e.err??e.out,g=r[0]===void 0?void 0:C[r[0]];if(g)return g(r.slice(1),e);try{let{positionals:c,values:t}=T({args:r,allowPositionals:!0,options:{dir:{type:"string"},feedback:{type:"string"},override:{type:"string"},asset:{type:"string",multiple:!0},"changes-requested":{type:"boolean",default:!1},all:{type:"boolean",default:!1},waive:{type:"string"},base:{type:"string"},head:{type:"string"},branch:{type:"string"},json:{type:"boolean",default:!1},help:{type:"boolean",short:"h",default:!1}}}),[l,...a]=c,s=P(t.dir??"."),n=(m,p)=>{if(a.length<m)throw d(`missing ${p}`)};if(t.help)return e.out(v),0;if(!l)return o(v),2;switch(l){case"init":return await(await i()).init(e,s),0;case"start":return n(1,"the brief file"),await(await i()).start(e,s,a[0]),0;case"status":return await(await import("./chunks/76MUP6PT.js")).status(e,s,a[0]),0;case"approve":return n(1,"the campaign id"),await(await i()).approveCommand(e,s,a[0],t.override),0;case"revise":return n(1,"the campaign id"),await(await i()).reviseCommand(e,s,a[0],t.feedback??a.slice(1).join(" "),{assets:t.asset??[],changesRequested:t["changes-requested"]}),0;case"review":return n(1,"the campaign id"),await(await i()).reviewCommand(e,s,a[0]),0;case"verify":return n(1,"the campaign id"),await(await i()).verifyCommand(e,s,a[0],a.slice(1),{all:t.all,...t.waive?{waive:t.waive}:{}}),0;case"run":return n(2,"the campaign id and the stage"),await(await i()).runCommand(e,s,a[0],a[1]),0;case"check":return await(await i()).check(e,a,t.json);case"keywords":return await(await i()).keywords(e,a,t.json),0;case"demo":return await(await i()).demo(e,t.dir),0;case"strategy-lock":{if(!t.base||!t.head)throw d("missing --base or --head","crescendo strategy-lock --base origin/main --head HEAD");let{checkStrategyLock:m,pullRequestBody:p}=await import("./chunks/BIXHRLA4.js"),y=t.branch??process.env.GITHUB_HEAD_REF,b=await p(),u=await m({dir:s,base:t.base,head:t.head,...y?{branch:y}:{},...b===void 0?{}:{body:b}});return e.out(`${u.ok?"✓":"✗"} strategy lock: ${u.message}`),u.ok?0:1}default:throw d(`unknown command "${l}"`)}}catch(c){return o(`error: ${k(c)}`),E(c)?2:1}}function w(r){let e=!1;return r.on("error",o=>{if(o.code!=="EPIPE"&&o.code!=="ERR_STREAM_DESTROYED")throw o;e=!0}),o=>{e||r.destroyed||!r.writable||r.write(`${o}
`)}}function S(r){let e=f(r);for(;!R(x(e,"package.json"))&&f(e)!==e;)e=f(e);return e}var j=S(H(import.meta.url));process.exitCode=await A(process.argv.slice(2),{packageRoot:j,out:w(process.stdout),err:w(process.stderr)});
