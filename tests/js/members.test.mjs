// The members side of the JS API (dist/pkg): the members calculator, the survivors table
// with the sBG, and a member export through MemberAnalyzer — and the TypeScript types
// against what the calls return.
import assert from "node:assert/strict";
import fs from "node:fs";
import { before, test } from "node:test";
import { assertTypesName, loadPkg } from "./pkg.mjs";

let api;
let dts;

before(async () => {
  ({ api, dts } = await loadPkg());
});

const close = (actual, expected, relative = 1e-12) =>
  assert.ok(Math.abs(actual - expected) <= relative * Math.abs(expected), `${actual} is not ${expected}`);

test("the members calculator: a gym's month by hand", () => {
  const report = api.calculateMembers({
    start: "1.000", cancelled: 50, new: 70, fee: "€ 30", margin: 70, discountRate: 10, locale: "nl",
  });
  assert.deepEqual(report.errors, []);
  const r = report.retention;
  assert.equal(r.period, "month");
  assert.deepEqual([r.end, r.retentionRate, r.churnRate, r.netChange], [1020, 95, 5, 20]);
  close(r.annualRetentionRate, 100 * 0.95 ** 12);
  assert.equal(r.tenure.periods, 20);
  assert.equal(r.verdict, "below");
  assert.deepEqual([report.value.clv, report.value.profitClv], [600, 420]);
  const crr = report.explanations[0];
  assert.equal(crr.figure, "retentionRate");
  assert.deepEqual(crr.formula[1], { kind: "value", value: { unit: "count", value: 1000 } });
  assert.deepEqual(crr.advice, ["onboarding", "pauseInsteadOfCancel", "annualPlans"]);
});

test("the members calculator's mistakes are data; a malformed call throws", () => {
  const report = api.calculateMembers({ start: 100, cancelled: "veel", new: 0 });
  assert.equal(report.retention, null);
  assert.deepEqual(report.errors.map((e) => [e.code, e.field]), [["notANumber", "cancelled"]]);
  const over = api.calculateMembers({ start: 100, cancelled: 101, new: 0 });
  assert.equal(over.errors[0].code, "cancelledExceedsStart");
  assert.match(over.errors[0].message, /more members cancelled/);
  assert.throws(() => api.calculateMembers([1, 2]), /array/);
  assert.throws(() => api.calculateMembers({ start: {} }), /start/);
  assert.throws(() => api.calculateMembers({ period: "week" }), /period/);
});

test("survivors: the paper's regular segment, projected and valued", () => {
  const { table, report, error } = api.survivors("jaar;leden\n0;1.000\n1;631\n2;468\n3;382\n4;326\n5;289\n6;262\n7;241\n", {
    locale: "nl", horizon: 5, fee: 100, margin: 50,
  });
  assert.equal(error, null);
  assert.equal(table.headerLine, 1);
  assert.deepEqual([report.fit.model.alpha.toFixed(3), report.fit.model.beta.toFixed(3)], ["0.704", "1.182"]);
  assert.equal(report.curve.length, 13);
  assert.equal(report.curve[12].projected, true);
  assert.ok(report.curve[12].fitted > report.curve[12].constant);
  assert.equal(report.insights[0].code, "retentionRises");
  close(report.clv, 50 * report.del);
  assert.equal(report.options.period, "year");
});

test("survivors: bad tables and impossible fits are errors as data", () => {
  const rises = api.survivors("1000\n631\n700\n");
  assert.equal(rises.table, null);
  assert.deepEqual([rises.error.code, rises.error.line, rises.error.previous, rises.error.count], ["rises", 3, 631, 700]);
  assert.match(rises.error.message, /line 3/);
  assert.equal(api.survivors("1000\n631\n").error.code, "tooFewPeriods");
  assert.equal(api.survivors("0\n0\n0\n").error.code, "noMembers");
  const flat = api.survivors("1000\n1000\n1000\n");
  assert.deepEqual(flat.table.counts, [1000, 1000, 1000]);
  assert.equal(flat.report, null);
  assert.equal(flat.error.code, "noChurn");
  assert.match(flat.error.message, /no member left/);
  assert.throws(() => api.survivors("1000\n", { horizon: "many" }), /options: invalid type/);
});

/** A Dutch member export: 200 members over 2023–2024, a few bad rows. */
function dutchExport() {
  const lines = ["lid;startdatum;opzegdatum;abonnement;contributie"];
  const pad = (n) => String(n).padStart(2, "0");
  for (let i = 0; i < 200; i++) {
    const month = 1 + (i % 24);
    const start = `${pad(1 + (i % 28))}-${pad(((month - 1) % 12) + 1)}-${2023 + Math.floor((month - 1) / 12)}`;
    const leaves = i % 3 === 0 && month <= 20;
    const endMonth = month + 1 + (i % 4);
    const end = leaves
      ? `${pad(1 + (i % 28))}-${pad(((endMonth - 1) % 12) + 1)}-${2023 + Math.floor((endMonth - 1) / 12)}`
      : "";
    lines.push(`L${i};${start};${end};${i % 5 === 0 ? "jaar" : "maand"};${i % 5 === 0 ? "25,00" : "29,95"}`);
  }
  lines.splice(3, 0, "L998;31-02-2024;;maand;29,95", "L999;01-03-2024;01-01-2024;maand;29,95");
  return lines.join("\n") + "\n";
}

test("a member export: sniff, import with bad rows, analyse", () => {
  const text = dutchExport();
  const preview = api.sniffMembers(text);
  const m = preview.mapping;
  assert.deepEqual([m.member, m.start, m.end, m.plan, m.fee, m.dateFormat, m.locale], [0, 1, 2, 3, 4, "dayMonthYear", "nl"]);
  assert.equal(preview.columns[2].kind, "end");
  const steps = [];
  const analyzer = new api.MemberAnalyzer(new TextEncoder().encode(text), m, (done, total) => { steps.push([done, total]); });
  const stats = analyzer.stats();
  assert.deepEqual([stats.rows, stats.subscriptions, stats.badRowCount], [202, 200, 2]);
  assert.deepEqual(stats.badRows.map((b) => [b.line, b.reason.code]), [[4, "startDate"], [5, "endBeforeStart"]]);
  assert.equal(stats.windows1252, false);
  assert.deepEqual(steps.at(-1), [text.length, text.length]);

  const summary = analyzer.analyse({ reference: "2024-12-31", margin: 70, horizon: 6 });
  assert.equal(summary.reference, "2024-12-31");
  assert.equal(summary.members, 200);
  for (const p of summary.periods) assert.equal(p.end + p.cancelled, p.start + p.new, p.label);
  assert.equal(summary.survival[0].survival, 100);
  assert.ok(summary.survival.every((s, i) => i === 0 || s.survival <= summary.survival[i - 1].survival));
  assert.equal(summary.pooled.projection.length, 7);
  assert.deepEqual(summary.plans.map((p) => p.plan).sort(), ["jaar", "maand"]);
  assert.equal(summary.fill.period, "month");
  const small = summary.cohorts.find((c) => c.fitError);
  assert.deepEqual([small.fitError.code, small.fitError.needed], ["tooFewMembers", 30]);
  assert.match(small.fitError.message, /too few/);
  assert.equal(analyzer.analyse({ period: "quarter" }).periods[0].label, "2023-Q1");
  assert.throws(() => analyzer.analyse({ reference: "soon" }), /not a date/);
  analyzer.free();
});

test("a member import can be cancelled, and a mapping that does not fit throws", () => {
  const text = "member,start\n" + "m1,2024-01-01\n".repeat(20_000);
  const mapping = api.sniffMembers(text).mapping;
  assert.throws(() => new api.MemberAnalyzer(new TextEncoder().encode(text), mapping, () => false), /cancel/i);
  assert.throws(() => new api.MemberAnalyzer(new Uint8Array(), { ...mapping, plan: 9 }), /column/i);
});

test("the .d.ts names every key and name the members calls return", () => {
  for (const name of ["MemberInput", "MemberReport", "SurvivorsResult", "SurvivorsReport", "MemberPreview", "MemberSummary", "MemberImportStats"]) {
    assert.match(dts, new RegExp(`export interface ${name} \\{`), name);
  }
  assert.match(dts, /export function calculateMembers\(input: MemberInput\): MemberReport;/);
  assert.match(dts, /export function survivors\(text: string, options\?: SurvivorOptions\): SurvivorsResult;/);
  assert.match(dts, /export function sniffMembers\(text: string\): MemberPreview;/);
  assert.match(dts, /analyse\(options\?: MemberOptions\): MemberSummary;/);
  const text = dutchExport();
  const analyzer = new api.MemberAnalyzer(new TextEncoder().encode(text), api.sniffMembers(text).mapping);
  const results = [
    api.calculateMembers({ start: 1000, cancelled: 50, new: 70, fee: 30, margin: 70, discountRate: 10, period: "quarter" }),
    api.calculateMembers({ start: 1e11, cancelled: -1, new: 0.5, fee: 2e9, margin: 101 }),
    api.survivors("1000\n631\n468\n382\n326\n", { fee: 10, margin: 50 }),
    api.survivors("10000\n9000\n8100\n7290\n6561\n"),
    api.survivors("1000\n631\n700\n"),
    api.survivors("1000\n1000\n1000\n"),
    api.sniffMembers(text),
    analyzer.stats(),
    analyzer.analyse({ reference: "2024-12-31", fee: 30, margin: 70 }),
  ];
  assertTypesName(dts, results, ["code", "field", "figure", "unit", "kind", "verdict", "period", "advice", "dateFormat", "delimiter", "locale"]);
  analyzer.free();
});

test("a workbook's sheet as text for the member import: date cells as yyyy-mm-dd", () => {
  const xlsx = fs.readFileSync(new URL("../../crates/retention-core/tests/fixtures/line_items.xlsx", import.meta.url));
  const bytes = new Uint8Array(xlsx);
  assert.deepEqual(api.sheetNames(bytes), ["Notes", "Orders"]);
  const lines = api.sheetText(bytes, "Orders").trimEnd().split("\n");
  assert.deepEqual(lines[0].split("\t"), ["order", "customer", "date", "product", "quantity", "unit price"]);
  // The fixture's first line item (crates/retention-core/examples/xlsx_fixture.rs): a date
  // cell at 23:30 on 5 January 2024, typed numbers.
  assert.deepEqual(lines[1].split("\t"), ["A-1", "ann", "2024-01-05", "Mug", "2", "3"]);
  assert.equal(api.sheetText(bytes).split("\n")[0], "Exported from the shop");
  assert.throws(() => api.sheetText(bytes, "Nope"), (e) => e.code === "noSuchSheet");
  assert.match(dts, /export function sheetText\(bytes: Uint8Array, sheet\?: string \| null\): string;/);
});
