// The NPS part of the JS API (dist/pkg) as a Node user meets it: counts, pasted answers, two
// surveys compared, mistakes as data, malformed calls thrown, and the TypeScript types.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { assertTypesName, loadPkg } from "./pkg.mjs";

let api;
let dts;

before(async () => {
  ({ api, dts } = await loadPkg());
});

const close = (actual, expected, tolerance) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not within ${tolerance} of ${expected}`);

describe("nps from counts", () => {
  test("50 promoters, 30 passives, 20 detractors: NPS 30, worked by hand", () => {
    // SE = √((0.5 + 0.2 − 0.3²) / 100) × 100 = √0.0061 × 100 = 7.8102.
    // Adjusted Wald: p' = 50.75/103, d' = 20.75/103, Var' = 0.609341,
    // margin = 1.959964 × √(0.609341/103) × 100 = 15.0751, centre 29.1262 → 14.0511 to 44.2013.
    const { nps, errors, explanations, sample } = api.nps({ promoters: 50, passives: 30, detractors: 20 });
    assert.deepEqual(errors, []);
    assert.equal(nps.score, 30);
    assert.equal(nps.respondents, 100);
    assert.deepEqual(nps.counts, { promoters: 50, passives: 30, detractors: 20 });
    close(nps.standardError, 7.8102, 5e-5);
    close(nps.interval.low, 14.0511, 5e-5);
    close(nps.interval.high, 44.2013, 5e-5);
    close(nps.interval.margin, 15.0751, 5e-5);
    assert.equal(nps.band, "great");
    assert.equal(nps.tooSmall, false);
    assert.equal(sample, null);
    assert.deepEqual(explanations.map((e) => e.figure), ["score", "standardError", "marginOfError"]);
    assert.deepEqual(explanations[0].value, { unit: "number", value: 30 });
    assert.deepEqual(explanations[0].formula[1], { kind: "value", value: { unit: "count", value: 50 } });
    assert.deepEqual(explanations[0].advice, ["askForReviews", "activatePassives", "closeTheLoop"]);
  });

  test("text in the page's habits, and a change to plan for", () => {
    // 2 × 1.959964² × 0.61 / 0.1² = 468.66 → 469 a survey.
    const { nps, sample, explanations } = api.nps({
      promoters: "1.000", passives: "600", detractors: "400", change: "10", locale: "nl",
    });
    assert.equal(nps.respondents, 2000);
    assert.equal(nps.score, 30);
    assert.equal(sample.toBeSignificant, 469);
    assert.equal(sample.toDetect, 958);
    assert.deepEqual(explanations.slice(3).map((e) => e.figure), ["sampleToBeSignificant", "sampleToDetect"]);
  });

  test("mistakes are data with code, field and message", () => {
    const bad = api.nps({ promoters: -5, passives: "2,5", detractors: null, locale: "nl" });
    assert.equal(bad.nps, null);
    assert.deepEqual(
      bad.errors.map((e) => [e.code, e.field]),
      [["negative", "promoters"], ["notWhole", "passives"], ["missing", "detractors"]],
    );
    assert.equal(bad.errors[0].message, "promoters cannot be negative");
    const zero = api.nps({ promoters: 0, passives: 0, detractors: 0 });
    assert.deepEqual(zero.errors.map((e) => [e.code, e.field]), [["noRespondents", null]]);
    const big = api.nps({ promoters: 1e11, passives: 0, detractors: 0 });
    assert.equal(big.errors[0].max, 1e10);
    const change = api.nps({ promoters: 5, passives: 3, detractors: 2, change: -3 });
    assert.ok(change.nps);
    assert.deepEqual(change.errors.map((e) => [e.code, e.field, e.value]), [["changeOutOfRange", "change", -3]]);
    assert.equal(api.nps({ promoters: "veel", passives: 1, detractors: 1 }).errors[0].code, "notANumber");
  });

  test("malformed calls throw", () => {
    assert.throws(() => api.nps(42), /input: expected an object/);
    assert.throws(() => api.nps([50, 30, 20]), /input: expected an object/);
    assert.throws(() => api.nps({ promoters: {} }), /promoters/);
    assert.throws(() => api.nps({ promoters: 1, locale: "fr" }), /locale/);
  });
});

describe("nps from pasted answers", () => {
  test("one a line with a header; bad lines by number", () => {
    const { sheet, nps, errors } = api.npsFromAnswers("Score\n10\n9\n\nn/a\n7\n3\n11\n7,5\n", { locale: "nl" });
    assert.deepEqual(errors, []);
    assert.equal(sheet.headerLine, 1);
    assert.deepEqual(sheet.scores, [0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1]);
    assert.deepEqual(sheet.counts, { promoters: 2, passives: 1, detractors: 1 });
    assert.deepEqual(sheet.bad, [
      { line: 5, text: "n/a", problem: "notANumber" },
      { line: 8, text: "11", problem: "outOfRange" },
      { line: 9, text: "7,5", problem: "notWhole" },
    ]);
    assert.equal(sheet.badCount, 3);
    assert.equal(nps.score, 25);
  });

  test("a survey export by column name, quoted comments and all", () => {
    const text = 'date,How likely are you to recommend us?,why\n2024-01-01,9,"fast, friendly"\n2024-01-02,6,"late\nagain"\n2024-01-03,,skipped\n';
    const { sheet, nps } = api.npsFromAnswers(text, { column: "recommend", change: 15 });
    assert.equal(sheet.column, 1);
    assert.equal(sheet.blank, 1);
    assert.deepEqual(sheet.counts, { promoters: 1, passives: 0, detractors: 1 });
    assert.equal(nps.score, 0);
    assert.equal(nps.tooSmall, true);
    const byIndex = api.npsFromAnswers("a;9\nb;10\n", { column: 1 });
    assert.equal(byIndex.nps.score, 100);
  });

  test("a missing column and no answers are errors, not throws", () => {
    const missing = api.npsFromAnswers("date;rating\n2024-01-01;9\n", { column: "nps" });
    assert.equal(missing.sheet, null);
    assert.equal(missing.errors[0].code, "columnNotFound");
    assert.deepEqual(missing.errors[0].header, ["date", "rating"]);
    assert.match(missing.errors[0].message, /no column named 'nps'/);
    const none = api.npsFromAnswers("score\n");
    assert.equal(none.nps, null);
    assert.deepEqual(none.errors.map((e) => [e.code, e.field]), [["noAnswers", "answers"]]);
  });

  test("malformed calls throw", () => {
    assert.throws(() => api.npsFromAnswers(42), /text/);
    assert.throws(() => api.npsFromAnswers("9", { column: -1 }), /options/);
    assert.throws(() => api.npsFromAnswers("9", { locale: "de" }), /options/);
  });
});

describe("two surveys compared", () => {
  test("before 40/30/30, after 50/30/20: 20 points, not significant at 100 each", () => {
    // SE = √(0.69/100 + 0.61/100) × 100 = 11.40175; z = 1.754116;
    // p = 2(1 − Φ(z)) = 0.0794106 (Python's statistics.NormalDist).
    const { change, errors, explanations } = api.compareNps(
      { promoters: 40, passives: 30, detractors: 30 },
      { promoters: 50, passives: 30, detractors: 20 },
    );
    assert.deepEqual(errors, { before: [], after: [] });
    close(change.difference, 20, 1e-9);
    close(change.standardError, 11.40175, 1e-5);
    close(change.z, 1.754116, 1e-6);
    close(change.pValue, 0.0794106, 1e-7);
    assert.equal(change.verdict, "notSignificant");
    assert.equal(change.before.score, 10);
    assert.deepEqual(explanations.map((e) => e.figure), ["change", "changeStandardError", "zScore", "pValue"]);
    assert.deepEqual(explanations[0].advice, ["surveyAgain", "askMore"]);
  });

  test("ten times the respondents: up, and the reverse is down", () => {
    const a = { promoters: 400, passives: 300, detractors: 300 };
    const b = { promoters: 500, passives: 300, detractors: 200 };
    assert.equal(api.compareNps(a, b).change.verdict, "up");
    assert.equal(api.compareNps(b, a).change.verdict, "down");
  });

  test("each survey's mistakes on its own side", () => {
    const { change, errors } = api.compareNps(
      { promoters: 1, passives: 1, detractors: 1 },
      { promoters: 0, passives: 0, detractors: 0 },
    );
    assert.equal(change, null);
    assert.deepEqual(errors.before, []);
    assert.equal(errors.after[0].code, "noRespondents");
    assert.throws(() => api.compareNps({ promoters: 1, passives: 1, detractors: 1 }), /after/);
  });
});

test("every key and name the NPS API returns is in the .d.ts", () => {
  for (const name of ["NpsInput", "Nps", "NpsError", "NpsExplanation", "NpsChange", "AnswerSheet",
    "BadAnswer", "SampleNeeded", "NpsResult", "AnswersResult", "ComparisonResult", "AnswerError"]) {
    assert.match(dts, new RegExp(`export interface ${name} \\{`), name);
  }
  assert.match(dts, /export function nps\(input: NpsInput\): NpsResult;/);
  assert.match(dts, /export function npsFromAnswers\(text: string, options\?: AnswerOptions\): AnswersResult;/);
  assert.match(dts, /export function compareNps\(before: NpsInput, after: NpsInput\): ComparisonResult;/);
  const results = [
    api.nps({ promoters: 50, passives: 30, detractors: 20, change: 5 }),
    api.nps({ promoters: 5, passives: 0, detractors: 0 }),
    api.nps({ promoters: 0, passives: 20, detractors: 80 }),
    api.nps({ promoters: 90, passives: 5, detractors: 5 }),
    api.nps({ promoters: -1, passives: 1e11, detractors: 0.5, change: 500 }),
    api.nps({ promoters: 0, passives: 0, detractors: 0 }),
    api.npsFromAnswers("a;b\n1;x\n2\n", { column: 1 }),
    api.npsFromAnswers("x", { column: "nps" }),
    api.npsFromAnswers("x\n12\n2.5\n"),
    api.compareNps({ promoters: 50, passives: 30, detractors: 20 }, { promoters: 10, passives: 30, detractors: 60 }),
    api.compareNps({ promoters: 5, passives: 3, detractors: 2 }, { promoters: 6, passives: 3, detractors: 1 }),
    api.compareNps({ promoters: 1 }, { passives: "x" }),
  ];
  assertTypesName(dts, results, ["code", "field", "figure", "unit", "kind", "verdict", "band", "advice", "problem"]);
});
