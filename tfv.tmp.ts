import { synthesizeApp } from './stacks/app';
import { TerraformWorkspace } from './tools/terraform/terraform-runner';
(async () => {
  const s = synthesizeApp({ outdir: '/tmp/x-tfv2', offlinePlan: true });
  const st = s.stacks.find((x) => x.environment === (process.argv[2] ?? 'dev'))!;
  const ws = new TerraformWorkspace({ directory: st.directory });
  await ws.init();
  console.log(JSON.stringify(await ws.validate()));
  await ws.plan();
  const plan = JSON.parse(await ws.showJson());
  console.log(plan.resource_changes.length, [...new Set(plan.resource_changes.map((c: any) => c.change.actions.join(',')))]);
})().catch((e) => { console.error(e.message); process.exit(1); });
