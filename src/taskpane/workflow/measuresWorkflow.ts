/**
 * The Rules tab's view of the company's own data (RULES.md §13) over a `PaneHost`: the sheet's
 * channels read and measured as a grading reads them, with nothing written, and what a proposed rule
 * set would change. It shows; it proposes nothing as policy.
 */
import { compileRules, type Bilingual, type CompiledRules, type Lang, type RuleSet } from '../../core';
import {
  impactBaseline,
  proposedImpact,
  type ImpactBaseline,
  type MeasuredChannel,
  type ThresholdImpact,
} from '../../core/measureDistribution';
import { ADDIN_SHEETS, NOTICE_PREFIX, PREMIUM_KEYS, headerUnitOf, readGraded } from '../../grading';
import type { PaneHost } from '../../grading/PaneHost';
import type { MeasuredChannels, MeasuresWorkflow } from './measuresWorkflow.types';
import { MAPPING_KEY, parseSavedMapping } from './savedMapping';

/** The setting the Grade tab keeps a sheet's column mapping under (createPaneWorkflow's key). */

/** Rows per read: well inside Excel's request limits for a sheet's input columns. */
const CHUNK_ROWS = 20_000;

/** A note that group members count with their own rows' measures (the grading classes a group as one). */
const GROUP_NOTE: Bilingual = {
  zh: '集团成员按各自行的指标统计；分级时若打开“集团成员合并分级”，集团按合并指标整体分级',
  en: "group members count with their own rows' measures; with “Grade group members as one unit” on, a group is graded on its combined measures",
};

/** Builds the Rules tab's measures workflow; `rules` gives the rules in force (the workbook's, once loaded). */
export function createMeasuresWorkflow(host: PaneHost, lang: Lang, rules: () => CompiledRules): MeasuresWorkflow {
  // A proposal is compared by grading only itself: the channels are graded under the rules in force once.
  const baselines = new WeakMap<MeasuredChannels, ImpactBaseline>();
  const baselineOf = (measured: MeasuredChannels): ImpactBaseline => {
    let b = baselines.get(measured);
    if (!b) {
      b = impactBaseline(measured.channels, measured.rules);
      baselines.set(measured, b);
    }
    return b;
  };
  return {
    lang,

    async measuredChannels(sheet, signal, mode = 'annual') {
      const port = host.openPort();
      const names = await port.sheetNames();
      const active = await host.activeSheet();
      const isData = (n: string): boolean => !ADDIN_SHEETS.has(n) && !n.startsWith(NOTICE_PREFIX);
      const name = sheet ?? (active !== null && isData(active) ? active : names.find(isData));
      const mapping = name === undefined ? null : parseSavedMapping(await host.readSetting(MAPPING_KEY + name));
      const graded = await readGraded(
        port,
        {
          sheet: name,
          mode,
          group: false,
          lang,
          rules: rules(),
          mapping: mapping ?? undefined,
          chunkRows: CHUNK_ROWS,
          signal,
          snapshot: true,
        },
        false,
      );
      const header =
        (
          await port.readBlock(graded.sheet, graded.layout.headerRow, 1, 1, Math.max(1, graded.layout.outputStart - 1))
        )[0] ?? [];
      const units = PREMIUM_KEYS.flatMap((key) => {
        const c = graded.layout.inputs[key];
        const unit = c === undefined ? null : headerUnitOf(header[c - 1] ?? null);
        return unit === null ? [] : [unit];
      });

      const channels: MeasuredChannel[] = [];
      const channelNames = new Map<string, string>();
      const seen = new Set<string>();
      let grouped = false;
      let rows = 0;
      graded.results.forEach((r, i) => {
        if (r.status !== 'blank') rows += 1;
        if (r.status !== 'graded' || r.grade === null) return;
        if (r.group !== '') grouped = true;
        const row = graded.firstData + i;
        const id = graded.channelIds[i];
        const code = id?.channelId;
        // Every channel counts once: a blank or repeated code is named by its row.
        const channelId =
          code !== undefined && !seen.has(code)
            ? code
            : lang === 'zh'
              ? `${code ?? ''}（第 ${row} 行）`
              : `${code ?? ''} (row ${row})`;
        seen.add(channelId);
        if (id?.channelName !== undefined) channelNames.set(channelId, id.channelName);
        const { costRate, annualScale, depth } = r.grade;
        channels.push({ channelId, measures: { costRate, annualScale, depth } });
      });
      return {
        sheet: graded.sheet,
        channels,
        names: channelNames,
        rows,
        notCounted: rows - channels.length,
        rules: graded.rules,
        premiumUnit: graded.rules.rules.parameters['premium.unit'],
        headerUnit: units[0] ?? null,
        notes: grouped ? [GROUP_NOTE] : [],
        warnings: graded.warnings,
      } satisfies MeasuredChannels;
    },

    impact(measured: MeasuredChannels, proposed: RuleSet): ThresholdImpact {
      const unit = measured.headerUnit;
      const compiled = compileRules(
        unit === null ? proposed : { ...proposed, parameters: { ...proposed.parameters, 'premium.unit': unit } },
      );
      return proposedImpact(baselineOf(measured), compiled);
    },
  };
}
