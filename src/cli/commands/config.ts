/** `mlreg config show`: the resolved config and where each value came from. */
import type { Command } from 'commander';
import { jsonFlag, setFlag, type JsonFlags, type SetFlags } from '../shared-flags.js';

export function registerConfig(program: Command): void {
  const config = program.command('config').description('Inspect configs.');
  config
    .command('show')
    .description('Print the resolved config, each value annotated with the file (or --set) that set it.')
    .requiredOption('-c, --config <file>', 'config file (YAML)')
    .addOption(setFlag())
    .addOption(jsonFlag())
    .action(async (flags: { config: string } & SetFlags & JsonFlags) => {
      const [{ loadConfig, formatConfigShow, configShowJson }, { planConfigGate }, { projectPaths }, { formatConfigGate }] = await Promise.all([
        import('../../config/index.js'),
        import('../../workflows/steps/gate-checks.js'),
        import('../../config/project.js'),
        import('../../report/gate-findings.js'),
      ]);
      const loaded = await loadConfig(flags.config, { sets: flags.set });
      const gate = await planConfigGate(loaded, projectPaths(), flags.set);
      process.stdout.write(flags.json ? `${JSON.stringify({ ...configShowJson(loaded), gate }, null, 2)}\n` : `${formatConfigShow(loaded)}\n${formatConfigGate(gate)}`);
    });
}
