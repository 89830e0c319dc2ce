#!/usr/bin/env node
import { createRequire as __crescendoCreateRequire, isBuiltin as __crescendoIsBuiltin } from 'node:module';
const require = ((nodeRequire) => (id) => {
  if (__crescendoIsBuiltin(id)) return nodeRequire(id);
  const message = "Cannot find module '" + id + "' (the Crescendo bundle loads only Node built-ins)";
  throw Object.assign(new Error(message), { code: 'MODULE_NOT_FOUND' });
})(__crescendoCreateRequire(import.meta.url));
import{a as d,b as k}from"./chunks/HBOK7NIU.js";import{c as b}from"./chunks/DQGYXZCD.js";import"./chunks/2RJVF5KF.js";import{existsSync as R}from"node:fs";import{dirname as w,join as C}from"node:path";import{fileURLToPath as x}from"node:url";import{resolve as A}from"node:path";import{parseArgs as P}from"node:util";var i=()=>import("./chunks/K4N2KKXU.js"),E=`crescendo — marketing operations as code

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
  crescendo demo [--dir PATH]                 a whole example campaign, offline without a key
  crescendo strategy-lock --base REF --head REF [--branch NAME] [--dir PATH]
                                              fail when an approved strategy changes without justification

Without ANTHROPIC_API_KEY only the example brief runs, from shipped sample answers.`,T={attribute:async(t,e)=>(await import("./chunks/DNQA4OYS.js")).attributeCommand(t,{out:e.out,err:e.err??e.out})};async function v(t,e){let o=e.err??e.out,f=t[0]===void 0?void 0:T[t[0]];if(f)return f(t.slice(1),e);try{let{positionals:c,values:r}=P({args:t,allowPositionals:!0,options:{dir:{type:"string"},feedback:{type:"string"},override:{type:"string"},asset:{type:"string",multiple:!0},"changes-requested":{type:"boolean",default:!1},all:{type:"boolean",default:!1},waive:{type:"string"},base:{type:"string"},head:{type:"string"},branch:{type:"string"},json:{type:"boolean",default:!1},help:{type:"boolean",short:"h",default:!1}}}),[l,...a]=c,s=A(r.dir??"."),n=(m,p)=>{if(a.length<m)throw d(`missing ${p}`)};if(r.help)return e.out(E),0;if(!l)return o(E),2;switch(l){case"init":return await(await i()).init(e,s),0;case"start":return n(1,"the brief file"),await(await i()).start(e,s,a[0]),0;case"status":return await(await i()).status(e,s,a[0]),0;case"approve":return n(1,"the campaign id"),await(await i()).approveCommand(e,s,a[0],r.override),0;case"revise":return n(1,"the campaign id"),await(await i()).reviseCommand(e,s,a[0],r.feedback??a.slice(1).join(" "),{assets:r.asset??[],changesRequested:r["changes-requested"]}),0;case"review":return n(1,"the campaign id"),await(await i()).reviewCommand(e,s,a[0]),0;case"verify":return n(1,"the campaign id"),await(await i()).verifyCommand(e,s,a[0],a.slice(1),{all:r.all,...r.waive?{waive:r.waive}:{}}),0;case"run":return n(2,"the campaign id and the stage"),await(await i()).runCommand(e,s,a[0],a[1]),0;case"check":return await(await i()).check(e,a,r.json);case"keywords":return await(await i()).keywords(e,a,r.json),0;case"demo":return await(await i()).demo(e,r.dir),0;case"strategy-lock":{if(!r.base||!r.head)throw d("missing --base or --head","crescendo strategy-lock --base origin/main --head HEAD");let{checkStrategyLock:m,pullRequestBody:p}=await import("./chunks/GI3IT5HV.js"),g=r.branch??process.env.GITHUB_HEAD_REF,y=await p(),u=await m({dir:s,base:r.base,head:r.head,...g?{branch:g}:{},...y===void 0?{}:{body:y}});return e.out(`${u.ok?"✓":"✗"} strategy lock: ${u.message}`),u.ok?0:1}default:throw d(`unknown command "${l}"`)}}catch(c){return o(`error: ${b(c)}`),k(c)?2:1}}function h(t){let e=!1;return t.on("error",o=>{if(o.code!=="EPIPE"&&o.code!=="ERR_STREAM_DESTROYED")throw o;e=!0}),o=>{e||t.destroyed||!t.writable||t.write(`${o}
`)}}function H(t){let e=w(t);for(;!R(C(e,"package.json"))&&w(e)!==e;)e=w(e);return e}var S=H(x(import.meta.url));process.exitCode=await v(process.argv.slice(2),{packageRoot:S,out:h(process.stdout),err:h(process.stderr)});
