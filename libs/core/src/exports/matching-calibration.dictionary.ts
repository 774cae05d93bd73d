import { FIT_BANDS, RANKING_PRIOR } from '@app/domain';

/** A report's terms in the data dictionary: what each figure means and how it is computed. */
export interface DataDictionaryReport {
  readonly report: string;
  readonly route: string;
  readonly description: string;
  readonly terms: readonly { readonly name: string; readonly label: string; readonly description: string }[];
}

const percent = (share: number): number => Math.round(share * 100);

/** The matching calibration report's definitions (issue 16), as the data dictionary gives them. */
export const MATCHING_CALIBRATION_DICTIONARY: DataDictionaryReport = {
  report: 'matching-calibration',
  route: 'GET /api/reports/matching-calibration',
  description:
    'For link-ups that have ended (completed or ended early) and came from a shortlist: how they ended and how their goals moved, by the fit the chosen Sharing family had when the Seeking family chose it. Does a better fit go with better outcomes?',
  terms: [
    {
      name: 'fitAtDecision',
      label: 'Fit at decision time',
      description: `The chosen Sharing family's fit in the shortlist as offered (the snapshot kept with the shortlist, not today's figure): the figure suggestions are ranked by, the weighted mean of every matching factor with an unknown factor counted as a neutral ${percent(RANKING_PRIOR)}%. It equals the fit shown when every factor was known. Link-ups not made from a shortlist have no fit at decision time and are not in the report.`,
    },
    {
      name: 'fitBand',
      label: 'Band of fit',
      description: `The fit at decision time as the whole percentage shown to the coach, in bands: ${FIT_BANDS.map((b) => b.label).join(', ')}.`,
    },
    {
      name: 'ended',
      label: 'Ended',
      description:
        'Link-ups that have ended: completed, or ended early (by the reason recorded). Live link-ups (active or paused) are not counted.',
    },
    {
      name: 'goalAttainmentChange',
      label: 'Goal attainment change',
      description:
        'Per link-up: for each of its goals rated at least twice, the last Goal Attainment Scaling rating (−2 much less than expected … +2 much more than expected) minus the first, by whoever rated it (family, coach or jointly); the link-up’s change is the mean over those goals (−4 … +4). A link-up with no goal rated twice has no change and is not in n. Each band shows n (link-ups with a change), their mean change and its 95% confidence interval (t distribution).',
    },
    {
      name: 'suppression',
      label: 'Small numbers',
      description:
        'Counts from 1 to the threshold − 1 show as "n.p.". Suppression, secondary suppression included, is worked out once per period on one table: a row per site and band, a column per outcome, with its totals. A band for all sites together, and the total for one site, are shown only where each of their parts is. A mean goal attainment change is withheld with its n from 1 to the threshold − 1, and a combined mean whenever one of its parts is withheld.',
    },
  ],
};
