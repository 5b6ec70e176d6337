/**
 * Every command, every class of hostile input, through the real CLI entry as a child process: exit
 * 2, exactly one line on stderr (the exact message below: what was expected, what was found, the
 * fix), no stack trace, no file left in the output directory, no process left running. No database
 * server starts: every row fails before the work. Permission rows run as uid 65534 when the tests
 * run as root (root reads everything).
 */
import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostileCases, makeScratch, oddButValidCases, removeScratch } from './support/hostile-cases';
import { runCli } from './support/run-cli';

const REPO = join(__dirname, '..', '..');
const root = realpathSync(mkdtempSync(join(tmpdir(), 'parity-hostile-')));
makeScratch(root);
afterAll(() => removeScratch(root));

/** The exact stderr line of each case, after `parity: `; `$ROOT` is the scratch directory, `$REPO` this checkout. */
const MESSAGES: Record<string, string> = {
  'check --output "" (empty)':
    'expected `--output FILE` a file that can be written, found `--output ""`, an empty path. Pass `--output` a writable path, e.g. ' +
    '`--output report.md`, or leave it out to print to standard output.',
  'check --output a directory':
    'expected `--output FILE` a file that can be written, found `$ROOT/a-directory`, which is a directory. Name a file inside it, ' +
    'e.g. `--output $ROOT/a-directory/report.md`.',
  'check --output under a file':
    'expected `--output FILE` a file that can be written, found `$ROOT/a-file.txt/report.md`, under `$ROOT/a-file.txt`, which is a ' +
    'file, not a directory. Pass `--output` a writable path, e.g. `--output report.md`, or leave it out to print to standard output.',
  'check --output in a directory this user may not write':
    'expected `--output FILE` a file that can be written, found `$ROOT/read-only-dir/report.md`, in `$ROOT/read-only-dir`, a ' +
    'directory this user may not write to (permission denied). Pass `--output` a writable path, e.g. `--output report.md`, or ' +
    'leave it out to print to standard output.',
  'check --output a file this user may not write':
    'expected `--output FILE` a file that can be written, found `$ROOT/read-only.txt`, a file this user may not write to (permission ' +
    'denied). Pass `--output` a writable path, e.g. `--output report.md`, or leave it out to print to standard output.',
  'plan review --output "" (empty)':
    'expected `--output FILE` a file that can be written, found `--output ""`, an empty path. Pass `--output` a writable path, e.g. ' +
    '`--output report.md`, or leave it out to print to standard output.',
  'plan review --output a directory':
    'expected `--output FILE` a file that can be written, found `$ROOT/a-directory`, which is a directory. Name a file inside it, ' +
    'e.g. `--output $ROOT/a-directory/report.md`.',
  'plan review --output under a file':
    'expected `--output FILE` a file that can be written, found `$ROOT/a-file.txt/report.md`, under `$ROOT/a-file.txt`, which is a ' +
    'file, not a directory. Pass `--output` a writable path, e.g. `--output report.md`, or leave it out to print to standard output.',
  'plan review --output in a directory this user may not write':
    'expected `--output FILE` a file that can be written, found `$ROOT/read-only-dir/report.md`, in `$ROOT/read-only-dir`, a ' +
    'directory this user may not write to (permission denied). Pass `--output` a writable path, e.g. `--output report.md`, or ' +
    'leave it out to print to standard output.',
  'plan review --output a file this user may not write':
    'expected `--output FILE` a file that can be written, found `$ROOT/read-only.txt`, a file this user may not write to (permission ' +
    'denied). Pass `--output` a writable path, e.g. `--output report.md`, or leave it out to print to standard output.',
  'migrations check --output "" (empty)':
    'expected `--output FILE` a file that can be written, found `--output ""`, an empty path. Pass `--output` a writable path, e.g. ' +
    '`--output report.md`, or leave it out to print to standard output.',
  'migrations check --output a directory':
    'expected `--output FILE` a file that can be written, found `$ROOT/a-directory`, which is a directory. Name a file inside it, ' +
    'e.g. `--output $ROOT/a-directory/report.md`.',
  'migrations check --output under a file':
    'expected `--output FILE` a file that can be written, found `$ROOT/a-file.txt/report.md`, under `$ROOT/a-file.txt`, which is a ' +
    'file, not a directory. Pass `--output` a writable path, e.g. `--output report.md`, or leave it out to print to standard output.',
  'migrations check --output in a directory this user may not write':
    'expected `--output FILE` a file that can be written, found `$ROOT/read-only-dir/report.md`, in `$ROOT/read-only-dir`, a ' +
    'directory this user may not write to (permission denied). Pass `--output` a writable path, e.g. `--output report.md`, or ' +
    'leave it out to print to standard output.',
  'migrations check --output a file this user may not write':
    'expected `--output FILE` a file that can be written, found `$ROOT/read-only.txt`, a file this user may not write to (permission ' +
    'denied). Pass `--output` a writable path, e.g. `--output report.md`, or leave it out to print to standard output.',
  'migrations profile --output "" (empty)':
    'expected `--output FILE` a file that can be written, found `--output ""`, an empty path. Pass `--output` a writable path, e.g. ' +
    '`--output report.md`, or leave it out to print to standard output.',
  'migrations profile --output a directory':
    'expected `--output FILE` a file that can be written, found `$ROOT/a-directory`, which is a directory. Name a file inside it, ' +
    'e.g. `--output $ROOT/a-directory/report.md`.',
  'migrations profile --output under a file':
    'expected `--output FILE` a file that can be written, found `$ROOT/a-file.txt/report.md`, under `$ROOT/a-file.txt`, which is a ' +
    'file, not a directory. Pass `--output` a writable path, e.g. `--output report.md`, or leave it out to print to standard output.',
  'migrations profile --output in a directory this user may not write':
    'expected `--output FILE` a file that can be written, found `$ROOT/read-only-dir/report.md`, in `$ROOT/read-only-dir`, a ' +
    'directory this user may not write to (permission denied). Pass `--output` a writable path, e.g. `--output report.md`, or ' +
    'leave it out to print to standard output.',
  'migrations profile --output a file this user may not write':
    'expected `--output FILE` a file that can be written, found `$ROOT/read-only.txt`, a file this user may not write to (permission ' +
    'denied). Pass `--output` a writable path, e.g. `--output report.md`, or leave it out to print to standard output.',
  'preflight --output "" (empty)':
    'expected `--output FILE` a file that can be written, found `--output ""`, an empty path. Pass `--output` a writable path, e.g. ' +
    '`--output report.md`, or leave it out to print to standard output.',
  'preflight --output a directory':
    'expected `--output FILE` a file that can be written, found `$ROOT/a-directory`, which is a directory. Name a file inside it, ' +
    'e.g. `--output $ROOT/a-directory/report.md`.',
  'preflight --output under a file':
    'expected `--output FILE` a file that can be written, found `$ROOT/a-file.txt/report.md`, under `$ROOT/a-file.txt`, which is a ' +
    'file, not a directory. Pass `--output` a writable path, e.g. `--output report.md`, or leave it out to print to standard output.',
  'preflight --output in a directory this user may not write':
    'expected `--output FILE` a file that can be written, found `$ROOT/read-only-dir/report.md`, in `$ROOT/read-only-dir`, a ' +
    'directory this user may not write to (permission denied). Pass `--output` a writable path, e.g. `--output report.md`, or ' +
    'leave it out to print to standard output.',
  'preflight --output a file this user may not write':
    'expected `--output FILE` a file that can be written, found `$ROOT/read-only.txt`, a file this user may not write to (permission ' +
    'denied). Pass `--output` a writable path, e.g. `--output report.md`, or leave it out to print to standard output.',
  'drift --output "" (empty)':
    'expected `--output FILE` a file that can be written, found `--output ""`, an empty path. Pass `--output` a writable path, e.g. ' +
    '`--output report.md`, or leave it out to print to standard output.',
  'drift --output a directory':
    'expected `--output FILE` a file that can be written, found `$ROOT/a-directory`, which is a directory. Name a file inside it, ' +
    'e.g. `--output $ROOT/a-directory/report.md`.',
  'drift --output under a file':
    'expected `--output FILE` a file that can be written, found `$ROOT/a-file.txt/report.md`, under `$ROOT/a-file.txt`, which is a ' +
    'file, not a directory. Pass `--output` a writable path, e.g. `--output report.md`, or leave it out to print to standard output.',
  'drift --output in a directory this user may not write':
    'expected `--output FILE` a file that can be written, found `$ROOT/read-only-dir/report.md`, in `$ROOT/read-only-dir`, a ' +
    'directory this user may not write to (permission denied). Pass `--output` a writable path, e.g. `--output report.md`, or ' +
    'leave it out to print to standard output.',
  'drift --output a file this user may not write':
    'expected `--output FILE` a file that can be written, found `$ROOT/read-only.txt`, a file this user may not write to (permission ' +
    'denied). Pass `--output` a writable path, e.g. `--output report.md`, or leave it out to print to standard output.',
  'synth --output "" (empty)':
    'expected `--output FILE` a file that can be written, found `--output ""`, an empty path. Pass `--output` a writable path, e.g. ' +
    '`--output report.md`, or leave it out to print to standard output.',
  'synth --output a directory':
    'expected `--output FILE` a file that can be written, found `$ROOT/a-directory`, which is a directory. Name a file inside it, ' +
    'e.g. `--output $ROOT/a-directory/report.md`.',
  'synth --output under a file':
    'expected `--output FILE` a file that can be written, found `$ROOT/a-file.txt/report.md`, under `$ROOT/a-file.txt`, which is a ' +
    'file, not a directory. Pass `--output` a writable path, e.g. `--output report.md`, or leave it out to print to standard output.',
  'synth --output in a directory this user may not write':
    'expected `--output FILE` a file that can be written, found `$ROOT/read-only-dir/report.md`, in `$ROOT/read-only-dir`, a ' +
    'directory this user may not write to (permission denied). Pass `--output` a writable path, e.g. `--output report.md`, or ' +
    'leave it out to print to standard output.',
  'synth --output a file this user may not write':
    'expected `--output FILE` a file that can be written, found `$ROOT/read-only.txt`, a file this user may not write to (permission ' +
    'denied). Pass `--output` a writable path, e.g. `--output report.md`, or leave it out to print to standard output.',
  'synth --outdir a file':
    'expected `--outdir DIR` a directory that can be created or written, found `$ROOT/a-file.txt`, which is a regular file. Pass ' +
    '`--outdir` a writable directory, e.g. `--outdir cdktf.out`.',
  'synth --outdir under a file':
    'expected `--outdir DIR` a directory that can be created or written, found `$ROOT/a-file.txt/cdktf.out`, under ' +
    '`$ROOT/a-file.txt`, which is a file, not a directory. Pass `--outdir` a writable directory, e.g. `--outdir cdktf.out`.',
  'synth --outdir in a directory this user may not write':
    'expected `--outdir DIR` a directory that can be created or written, found `$ROOT/read-only-dir/cdktf.out`, in ' +
    '`$ROOT/read-only-dir`, a directory this user may not write to (permission denied). Pass `--outdir` a writable directory, e.g. ' +
    '`--outdir cdktf.out`.',
  'synth --outdir ""':
    'expected `--outdir DIR` a directory that can be created or written, found `--outdir ""`, an empty path. Pass `--outdir` a ' +
    'writable directory, e.g. `--outdir cdktf.out`.',
  'check --policy: missing':
    'expected a policy file (JSON or YAML) at `$ROOT/missing.yaml`, found nothing: no such file or directory. Check the path given ' +
    'to `--policy`.',
  'check --policy: a directory':
    'expected a policy file (JSON or YAML) at `$ROOT/a-directory`, found a directory. Check the path given to `--policy`.',
  'check --policy: under a file':
    'expected a policy file (JSON or YAML) at `$ROOT/a-file.txt/policy.yaml`, found that `$ROOT/a-file.txt` is a file, not a ' +
    'directory, so nothing can be under it. Check the path given to `--policy`.',
  'check --policy: unreadable':
    'expected a policy file (JSON or YAML) at `$ROOT/unreadable.yaml`, found a file that cannot be read (permission denied). Make it ' +
    'readable (`chmod u+r $ROOT/unreadable.yaml`) or run as a user who may read it.',
  'check --policy: a FIFO':
    'expected a policy file (JSON or YAML) at `$ROOT/fifo`, found a named pipe (FIFO), which is never read: it could wait forever. ' +
    'Pass a regular file.',
  'check --policy: a character device':
    'expected a policy file (JSON or YAML) at `/dev/zero`, found a character device, which is never read: it could wait forever or ' +
    'never end. Pass a regular file.',
  'check --policy: binary':
    'expected a policy file (JSON or YAML) at `$ROOT/binary.yaml`, found binary data, not text (byte 8 is not UTF-8 text). Check the ' +
    'path given to `--policy`.',
  'plan review --plan: missing':
    'expected a plan JSON file at `$ROOT/missing.yaml`, found nothing: no such file or directory. Check the path given to `--plan ' +
    'NAME=FILE`.',
  'plan review --plan: a directory':
    'expected a plan JSON file at `$ROOT/a-directory`, found a directory. Check the path given to `--plan NAME=FILE`.',
  'plan review --plan: under a file':
    'expected a plan JSON file at `$ROOT/a-file.txt/policy.yaml`, found that `$ROOT/a-file.txt` is a file, not a directory, so ' +
    'nothing can be under it. Check the path given to `--plan NAME=FILE`.',
  'plan review --plan: unreadable':
    'expected a plan JSON file at `$ROOT/unreadable.yaml`, found a file that cannot be read (permission denied). Make it readable ' +
    '(`chmod u+r $ROOT/unreadable.yaml`) or run as a user who may read it.',
  'plan review --plan: a FIFO':
    'expected a plan JSON file at `$ROOT/fifo`, found a named pipe (FIFO), which is never read: it could wait forever. Pass a ' +
    'regular file.',
  'plan review --plan: a character device':
    'expected a plan JSON file at `/dev/zero`, found a character device, which is never read: it could wait forever or never end. ' +
    'Pass a regular file.',
  'plan review --plan: binary':
    'expected plan JSON starting with `{`, found `\ufffdPNG` in `$ROOT/binary.yaml`. Run `terraform show -json PLANFILE > plan.json` ' +
    'and pass that file.',
  'plan review --waivers: missing':
    'expected a waivers file (YAML or JSON) at `$ROOT/missing.yaml`, found nothing: no such file or directory. Check the path given ' +
    'to `--waivers`.',
  'plan review --waivers: a directory':
    'expected a waivers file (YAML or JSON) at `$ROOT/a-directory`, found a directory. Check the path given to `--waivers`.',
  'plan review --waivers: under a file':
    'expected a waivers file (YAML or JSON) at `$ROOT/a-file.txt/policy.yaml`, found that `$ROOT/a-file.txt` is a file, not a ' +
    'directory, so nothing can be under it. Check the path given to `--waivers`.',
  'plan review --waivers: unreadable':
    'expected a waivers file (YAML or JSON) at `$ROOT/unreadable.yaml`, found a file that cannot be read (permission denied). Make ' +
    'it readable (`chmod u+r $ROOT/unreadable.yaml`) or run as a user who may read it.',
  'plan review --waivers: a FIFO':
    'expected a waivers file (YAML or JSON) at `$ROOT/fifo`, found a named pipe (FIFO), which is never read: it could wait forever. ' +
    'Pass a regular file.',
  'plan review --waivers: a character device':
    'expected a waivers file (YAML or JSON) at `/dev/zero`, found a character device, which is never read: it could wait forever or ' +
    'never end. Pass a regular file.',
  'plan review --waivers: binary':
    'expected a waivers file (YAML or JSON) at `$ROOT/binary.yaml`, found binary data, not text (byte 8 is not UTF-8 text). Check ' +
    'the path given to `--waivers`.',
  'migrations check --profile: missing':
    'expected a data profile JSON file at `$ROOT/missing.yaml`, found nothing: no such file or directory. Check `--profile`, or ' +
    'write one with `npx parity migrations profile --database-url URL --output FILE`.',
  'migrations check --profile: a directory':
    'expected a data profile JSON file at `$ROOT/a-directory`, found a directory. Check `--profile`, or write one with `npx parity ' +
    'migrations profile --database-url URL --output FILE`.',
  'migrations check --profile: under a file':
    'expected a data profile JSON file at `$ROOT/a-file.txt/policy.yaml`, found that `$ROOT/a-file.txt` is a file, not a directory, ' +
    'so nothing can be under it. Check `--profile`, or write one with `npx parity migrations profile --database-url URL --output FILE`.',
  'migrations check --profile: unreadable':
    'expected a data profile JSON file at `$ROOT/unreadable.yaml`, found a file that cannot be read (permission denied). Make it ' +
    'readable (`chmod u+r $ROOT/unreadable.yaml`) or run as a user who may read it.',
  'migrations check --profile: a FIFO':
    'expected a data profile JSON file at `$ROOT/fifo`, found a named pipe (FIFO), which is never read: it could wait forever. Pass ' +
    'a regular file.',
  'migrations check --profile: a character device':
    'expected a data profile JSON file at `/dev/zero`, found a character device, which is never read: it could wait forever or never ' +
    'end. Pass a regular file.',
  'migrations check --profile: binary':
    'expected a data profile JSON file at `$ROOT/binary.yaml`, found binary data, not text (byte 8 is not UTF-8 text). Check ' +
    '`--profile`, or write one with `npx parity migrations profile --database-url URL --output FILE`.',
  'check --policy: too large':
    'expected a policy file (JSON or YAML) at `$ROOT/huge.yaml`, found a file of 300.0 MiB, larger than the 256.0 MiB this reads. ' +
    'Pass the right file; if it really is that large, split it.',
  'check --policy: binary JSON':
    'expected a policy file (JSON or YAML) at `$ROOT/binary.json`, found binary data, not text (byte 1 is not UTF-8 text). Check the ' +
    'path given to `--policy`.',
  'check --policy: unreadable JSON':
    'expected a policy file (JSON or YAML) at `$ROOT/unreadable.json`, found a file that cannot be read (permission denied). Make it ' +
    'readable (`chmod u+r $ROOT/unreadable.json`) or run as a user who may read it.',
  'plan review --plan: too large':
    'expected a plan JSON file at `$ROOT/huge-plan.json`, found a file of 2.0 GiB, larger than the 2.0 GiB this reads. Pass the ' +
    'right file; if it really is that large, split it.',
  'plan review --waivers: too large':
    'expected a waivers file (YAML or JSON) at `$ROOT/huge.yaml`, found a file of 300.0 MiB, larger than the 256.0 MiB this reads. ' +
    'Pass the right file; if it really is that large, split it.',
  'check --stacks: missing':
    'expected a `cdktf.out/stacks` directory at `$ROOT/missing-dir`, found nothing: no such file or directory. Run `npx cdktf synth` ' +
    '(or `npm run synth`) first, then pass `--stacks cdktf.out/stacks`.',
  'check --stacks: a regular file':
    'expected a `cdktf.out/stacks` directory at `$ROOT/a-file.txt`, found a regular file, not a directory. Run `npx cdktf synth` (or ' +
    '`npm run synth`) first, then pass `--stacks cdktf.out/stacks`.',
  'check --stacks: under a file':
    'expected a `cdktf.out/stacks` directory at `$ROOT/a-file.txt/envs`, found that `$ROOT/a-file.txt` is a file, not a directory, ' +
    'so nothing can be under it. Run `npx cdktf synth` (or `npm run synth`) first, then pass `--stacks cdktf.out/stacks`.',
  'check --stacks: unreadable (scandir EACCES)':
    'expected a `cdktf.out/stacks` directory at `$ROOT/unreadable-dir`, found a directory that cannot be listed (permission denied). ' +
    'Make it readable (`chmod u+rx $ROOT/unreadable-dir`) or run as a user who may read it.',
  'check --stacks: a FIFO':
    'expected a `cdktf.out/stacks` directory at `$ROOT/fifo`, found a named pipe (FIFO), which is never read: it could wait forever. ' +
    'Run `npx cdktf synth` (or `npm run synth`) first, then pass `--stacks cdktf.out/stacks`.',
  'check --hcl: missing':
    'expected a directory of Terraform files for `staging` at `$ROOT/missing-dir`, found nothing: no such file or directory. Check ' +
    'the path: `--hcl staging=envs/staging`.',
  'check --hcl: a regular file':
    'expected a directory of Terraform files for `staging` at `$ROOT/a-file.txt`, found a regular file, not a directory. Check the ' +
    'path: `--hcl staging=envs/staging`.',
  'check --hcl: under a file':
    'expected a directory of Terraform files for `staging` at `$ROOT/a-file.txt/envs`, found that `$ROOT/a-file.txt` is a file, not ' +
    'a directory, so nothing can be under it. Check the path: `--hcl staging=envs/staging`.',
  'check --hcl: unreadable (scandir EACCES)':
    'expected a directory of Terraform files for `staging` at `$ROOT/unreadable-dir`, found a directory that cannot be listed ' +
    '(permission denied). Make it readable (`chmod u+rx $ROOT/unreadable-dir`) or run as a user who may read it.',
  'check --hcl: a FIFO':
    'expected a directory of Terraform files for `staging` at `$ROOT/fifo`, found a named pipe (FIFO), which is never read: it could ' +
    'wait forever. Check the path: `--hcl staging=envs/staging`.',
  'migrations check --dir: missing':
    'expected a migrations directory at `$ROOT/missing-dir`, found nothing: no such file or directory. Pass `--dir PATH` (default ' +
    '`migrations`).',
  'migrations check --dir: a regular file':
    'expected a migrations directory at `$ROOT/a-file.txt`, found a regular file, not a directory. Pass `--dir PATH` (default ' +
    '`migrations`).',
  'migrations check --dir: under a file':
    'expected a migrations directory at `$ROOT/a-file.txt/envs`, found that `$ROOT/a-file.txt` is a file, not a directory, so ' +
    'nothing can be under it. Pass `--dir PATH` (default `migrations`).',
  'migrations check --dir: unreadable (scandir EACCES)':
    'expected a migrations directory at `$ROOT/unreadable-dir`, found a directory that cannot be listed (permission denied). Make it ' +
    'readable (`chmod u+rx $ROOT/unreadable-dir`) or run as a user who may read it.',
  'migrations check --dir: a FIFO':
    'expected a migrations directory at `$ROOT/fifo`, found a named pipe (FIFO), which is never read: it could wait forever. Pass ' +
    '`--dir PATH` (default `migrations`).',
  'preflight --dir: missing':
    'expected a migrations directory at `$ROOT/missing-dir`, found nothing: no such file or directory. Pass `--dir PATH` (default ' +
    '`migrations`).',
  'preflight --dir: a regular file':
    'expected a migrations directory at `$ROOT/a-file.txt`, found a regular file, not a directory. Pass `--dir PATH` (default ' +
    '`migrations`).',
  'preflight --dir: under a file':
    'expected a migrations directory at `$ROOT/a-file.txt/envs`, found that `$ROOT/a-file.txt` is a file, not a directory, so ' +
    'nothing can be under it. Pass `--dir PATH` (default `migrations`).',
  'preflight --dir: unreadable (scandir EACCES)':
    'expected a migrations directory at `$ROOT/unreadable-dir`, found a directory that cannot be listed (permission denied). Make it ' +
    'readable (`chmod u+rx $ROOT/unreadable-dir`) or run as a user who may read it.',
  'preflight --dir: a FIFO':
    'expected a migrations directory at `$ROOT/fifo`, found a named pipe (FIFO), which is never read: it could wait forever. Pass ' +
    '`--dir PATH` (default `migrations`).',
  'migrations check: a migration path that is a directory':
    'expected a migration file at `$ROOT/migrations-with-directory/0001_create.sql`, found a directory. Make it a readable text ' +
    'file, or move it out of the migrations directory.',
  'migrations check: a migration path that is a FIFO':
    'expected a migration file at `$ROOT/migrations-with-fifo/0001_create.sql`, found a named pipe (FIFO), which is never read: it ' +
    'could wait forever. Pass a regular file.',
  'preflight: a migration path that is a directory':
    'expected a migration file at `$ROOT/migrations-with-directory/0001_create.sql`, found a directory. Make it a readable text ' +
    'file, or move it out of the migrations directory.',
  'check --output /dev/full (the disk is full)':
    'expected `--output FILE` a file that can be written, found `/dev/full`, a device that takes no byte (every write fails: the disk ' +
    'is full, ENOSPC). Pass `--output` a writable path, e.g. `--output report.md`, or leave it out to print to standard output.',
  'check --output under /proc (nothing can be created there)':
    'expected `--output FILE` a file that can be written, found `/proc/nope/x`, in `/proc`, a directory where no file can be created ' +
    '(ENOENT). Pass `--output` a writable path, e.g. `--output report.md`, or leave it out to print to standard output.',
  'check --hcl: an unreadable .tf file (open EACCES)':
    'expected a Terraform file at `$ROOT/hcl-unreadable-file/main.tf`, found a file that cannot be read (permission denied). Make it ' +
    'readable (`chmod u+r $ROOT/hcl-unreadable-file/main.tf`) or run as a user who may read it.',
  'check --hcl: a .tf file that is a FIFO':
    'expected a Terraform file at `$ROOT/hcl-fifo-file/main.tf`, found a named pipe (FIFO), which is never read: it could wait ' +
    'forever. Pass a regular file.',
  'check --hcl: a .tf link to nowhere':
    'expected a Terraform file at `$ROOT/hcl-dangling-link/extra.tf`, found nothing: no such file or directory. Make ' +
    '$ROOT/hcl-dangling-link/extra.tf a readable text file, or remove it from its directory.',
  'check --stacks: cdk.tf.json that is a directory':
    'expected a stack file (cdk.tf.json) at `$ROOT/stacks-file-is-directory/staging/cdk.tf.json`, found a directory. Synthesize ' +
    'again (`npx cdktf synth`).',
  'plan review: an entry that is null':
    'expected entry 0 of `resource_changes`: a resource change object (`{ "address": ..., "change": { "actions": [...] } }`), found ' +
    '`null` in `$ROOT/entry-null.json`. Pass the unedited output of `terraform show -json PLANFILE`; if Terraform wrote this, open ' +
    'an issue with the entry.',
  'plan review: an entry that is a number':
    'expected entry 0 of `resource_changes`: a resource change object (`{ "address": ..., "change": { "actions": [...] } }`), found ' +
    '`42` in `$ROOT/entry-number.json`. Pass the unedited output of `terraform show -json PLANFILE`; if Terraform wrote this, open ' +
    'an issue with the entry.',
  'plan review: an entry without change':
    'expected entry 0 of `resource_changes` (`aws_s3_bucket.b`): `change` to be an object, found nothing in ' +
    '`$ROOT/entry-no-change.json`. Pass the unedited output of `terraform show -json PLANFILE`; if Terraform wrote this, open an ' +
    'issue with the entry.',
  'plan review: actions that is not a list':
    'expected entry 0 of `resource_changes` (`aws_s3_bucket.b`): `change.actions` to be a list of strings such as `["update"]`, ' +
    'found `"update"` in `$ROOT/entry-actions-string.json`. Pass the unedited output of `terraform show -json PLANFILE`; if ' +
    'Terraform wrote this, open an issue with the entry.',
  'plan review: replace_paths that is not a list':
    'expected entry 0 of `resource_changes` (`aws_s3_bucket.b`): `change.replace_paths` to be a list of attribute paths, found `"x"` ' +
    'in `$ROOT/entry-replace-paths.json`. Pass the unedited output of `terraform show -json PLANFILE`; if Terraform wrote this, ' +
    'open an issue with the entry.',
  'check --hcl: main.tf.json whose resource is a string':
    'expected `resource` as an object of named blocks in $ROOT/hcl-resource-string/main.tf.json, found a string. Fix ' +
    '$ROOT/hcl-resource-string/main.tf.json.',
  'check --stacks: cdk.tf.json whose resource type is a list':
    'expected `aws_s3_bucket` as an object of named blocks in $ROOT/stacks-resource-list/staging/cdk.tf.json, found a list. Fix the ' +
    'file (if cdktf wrote it, synthesize again: `npx cdktf synth`).',
  'plan review: values nested 20,000 levels deep':
    'expected valid plan JSON, found invalid JSON at line 1, column 722 (values nested deeper than 512 levels, which Terraform never ' +
    'writes) in `$ROOT/deep-plan.json`. Run `terraform show -json PLANFILE > plan.json` and pass that file.',
  'check --stacks: values nested 20,000 levels deep':
    'expected Terraform configuration nested at most 512 levels deep in $ROOT/stacks-deep/staging/cdk.tf.json, found values nested ' +
    'deeper. Fix the file (if cdktf wrote it, synthesize again: `npx cdktf synth`).',
  'plan review --waivers: an impossible date':
    'expected waiver 1 in `$ROOT/impossible-date-waivers.yml` to match the waiver schema, found `expires`: a real calendar date as ' +
    '`YYYY-MM-DD` (2026-02-30 is not one). Fix that entry; e.g. `waivers:\\n  - address: aws_db_instance.orders-{env}\\n    rule: ' +
    'engine-major-upgrade\\n    reason: planned upgrade to 17, rehearsed on staging\\n    owner: data-platform\\n    expires: ' +
    '2026-12-31`.',
  'check --policy: an impossible waiver date':
    'expected a real calendar date as `YYYY-MM-DD` (2026-02-30 is not one) at `waivers.0.expires` in policy file ' +
    '$ROOT/impossible-date-policy.yaml, found `2026-02-30`. Fix the policy file; its format is in README.md, "Checking parity".',
  'check --policy: a list, not a mapping':
    'expected a mapping with the keys groups, scaleKnobs, topology, waivers, defaults in policy file $ROOT/list.yaml, found a list. ' +
    'Fix the policy file; its format is in README.md, "Checking parity".',
  'check --policy: an environment name with capitals':
    'expected an environment name of lower-case letters, digits and dashes, starting with a letter at `groups.production.1` in ' +
    'policy file $ROOT/bad-env-policy.yaml, found `Prod`. Fix the policy file; its format is in README.md, "Checking parity".',
  'check --hcl: main.tf.json that is []':
    'expected a JSON object at the top of $ROOT/hcl-list/main.tf.json (`{ "resource": { ... } }`), found an empty array `[]`. Fix ' +
    'the file (if cdktf wrote it, synthesize again: `npx cdktf synth`).',
  'check --hcl: main.tf.json that is a number':
    'expected a JSON object at the top of $ROOT/hcl-number/main.tf.json (`{ "resource": { ... } }`), found a number `42`. Fix the ' +
    'file (if cdktf wrote it, synthesize again: `npx cdktf synth`).',
  'check --stacks: cdk.tf.json that is []':
    'expected a JSON object at the top of $ROOT/stacks-list/staging/cdk.tf.json (`{ "resource": { ... } }`), found an empty array ' +
    '`[]`. Fix the file (if cdktf wrote it, synthesize again: `npx cdktf synth`).',
  'plan review --plan __proto__=':
    'expected an environment name of lower-case letters, digits and dashes, starting with a letter, found `__proto__` in `--plan ' +
    '__proto__=$REPO/test/fixtures/plans/staging-terraform-1.8.json`. Name it e.g. `proto`.',
  'check --hcl __proto__=':
    'expected an environment name of lower-case letters, digits and dashes, starting with a letter, found `__proto__` in `--hcl ' +
    '__proto__=$REPO/test/fixtures/hcl/orders-terraform/envs/staging`. Name it e.g. `proto`.',
  'plan review --plan Prod=':
    'expected an environment name of lower-case letters, digits and dashes, starting with a letter, found `Prod` in `--plan ' +
    'Prod=$REPO/test/fixtures/plans/staging-terraform-1.8.json`. Name it e.g. `prod`.',
  'check --hcl Prod=':
    'expected an environment name of lower-case letters, digits and dashes, starting with a letter, found `Prod` in `--hcl ' +
    'Prod=$REPO/test/fixtures/hcl/orders-terraform/envs/staging`. Name it e.g. `prod`.',
  'plan review --plan prod.eu=':
    'expected an environment name of lower-case letters, digits and dashes, starting with a letter, found `prod.eu` in `--plan ' +
    'prod.eu=$REPO/test/fixtures/plans/staging-terraform-1.8.json`. Name it e.g. `prod-eu`.',
  'check --hcl prod.eu=':
    'expected an environment name of lower-case letters, digits and dashes, starting with a letter, found `prod.eu` in `--hcl ' +
    'prod.eu=$REPO/test/fixtures/hcl/orders-terraform/envs/staging`. Name it e.g. `prod-eu`.',
  'plan review --plan 1prod=':
    'expected an environment name of lower-case letters, digits and dashes, starting with a letter, found `1prod` in `--plan ' +
    '1prod=$REPO/test/fixtures/plans/staging-terraform-1.8.json`. Name it e.g. `prod`.',
  'check --hcl 1prod=':
    'expected an environment name of lower-case letters, digits and dashes, starting with a letter, found `1prod` in `--hcl ' +
    '1prod=$REPO/test/fixtures/hcl/orders-terraform/envs/staging`. Name it e.g. `prod`.',
  'plan review --plan constructor= (not declared)':
    'expected an environment from config/environments.ts (dev, staging, prod), found `constructor` in `--plan constructor=...`. Name ' +
    'the plan after its environment, e.g. `--plan staging=staging.json`.',
  'plan review --plan toString= (not declared)':
    'expected an environment name of lower-case letters, digits and dashes, starting with a letter, found `toString` in `--plan ' +
    'toString=$REPO/test/fixtures/plans/staging-terraform-1.8.json`. Name it e.g. `tostring`.',
  'plan review --plan hasOwnProperty= (not declared)':
    'expected an environment name of lower-case letters, digits and dashes, starting with a letter, found `hasOwnProperty` in ' +
    '`--plan hasOwnProperty=$REPO/test/fixtures/plans/staging-terraform-1.8.json`. Name it e.g. `hasownproperty`.',
  'check: an unknown option':
    'expected options as in `usage: parity check [--stacks DIR | --hcl NAME=DIR --hcl NAME=DIR ...] [--policy FILE] [--format ' +
    'text|markdown|json|html] [--output FILE] [--group NAME] [--strict]`, found an unknown option `--polcy`. Fix the command line.',
  'plan review: an option without its value':
    'expected options as in `usage: parity plan review --plan ENV=PLAN.json [--plan ENV=PLAN.json ...] [--format text|markdown|json] ' +
    '[--output FILE] [--waivers FILE]`, found `--plan` without its value. Fix the command line.',
  'migrations check: an unknown option':
    'expected options as in `usage: parity migrations check [--dir migrations] [--tool ' +
    'sql|node-pg-migrate|knex|goose|dbmate|golang-migrate|flyway] [--profile FILE] [--database-url URL [--allow-non-empty]] [--all ' +
    '| --new N | --base REF] [--scale F] [--max-rows N] [--lock-budget-ms N] [--total-budget-ms N] [--squawk-exclude RULES] ' +
    '[--squawk-block RULES] [--squawk-config FILE] [--workload FILE | --no-rehearsal] [--open-transaction-ms N] [--format ' +
    'text|markdown|json] [--output FILE]`, found an unknown option `--everything`. Fix the command line.',
  'drift: an unknown option':
    'expected options as in `usage: parity drift [--target FILE] [--env NAME ...] [--refresh-only-plan NAME=FILE ...] [--timeout ' +
    'SECONDS] [--format text|markdown|json] [--output FILE]`, found an unknown option `--envs`. Fix the command line.',
};

const cases = hostileCases(root);

test('every case has its exact message, and every message its case', () => {
  expect(cases.map((c) => c.name).sort()).toEqual(Object.keys(MESSAGES).sort());
});

describe.each(cases.map((c) => [c.name, c] as const))('%s', (name, c) => {
  test.concurrent('exit 2, one line with the exact message, no trace, nothing left behind', async () => {
    const run = await runCli(c.argv, { unprivileged: c.unprivileged, watch: join(root, 'out') });
    const expected = `parity: ${MESSAGES[name]!.replaceAll('$ROOT', root).replaceAll('$REPO', REPO)}\n`;
    expect({
      code: run.code,
      stderr: run.stderr,
      outcome: run.outcome,
      leftoverFiles: run.leftoverFiles,
      leftoverProcesses: run.leftoverProcesses,
    }).toEqual({
      code: 2,
      stderr: expected,
      outcome: 'clean',
      leftoverFiles: [],
      leftoverProcesses: [],
    });
  });
});

describe.each(oddButValidCases(root).map((c) => [c.name, c] as const))('valid but odd: %s', (_name, c) => {
  test.concurrent('runs to a verdict (exit 0 or 1) without a trace', async () => {
    const run = await runCli(c.argv, { watch: join(root, 'out') });
    expect(run.stderr).not.toMatch(/unexpected error|\n\s+at /);
    expect([0, 1]).toContain(run.code);
  });
});
