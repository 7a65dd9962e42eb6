// The JS API of the core (dist/pkg, built by scripts/build.sh) as a Node user meets it:
// worked examples, text numbers in both locales, mistakes as data, thrown errors for
// malformed calls, the formatters, and the TypeScript types against what the API returns.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { before, describe, test } from "node:test";
import { assertTypesName, loadPkg, PKG } from "./pkg.mjs";

const NBSP = "\u00a0";

let api;
let dts;

before(async () => {
  ({ api, dts } = await loadPkg());
});

/** The first error for `field` in a report, or undefined. */
const errorFor = (report, field) => report.errors.find((e) => e.field === field);

describe("worked examples", () => {
  test("S=1000, N=200, E=1050: 85 % kept, 150 lost", () => {
    const { retention } = api.calculate({ start: 1000, new: 200, end: 1050 });
    assert.equal(retention.retentionRate, 85);
    assert.equal(retention.churnRate, 15);
    assert.equal(retention.retained, 850);
    assert.equal(retention.lost, 150);
    assert.equal(retention.verdict, "onTarget", "exactly 85.0 % is on the target, not above it");
  });

  test("S=1000, N=1500, E=2000: 50 %", () => {
    const { retention } = api.calculate({ start: 1000, new: 1500, end: 2000 });
    assert.equal(retention.retentionRate, 50);
    assert.equal(retention.lost, 500);
  });

  test("spend 75, 3 a year, 2.5 years: CLV 562.5, at 60 % margin 337.5", () => {
    const report = api.calculate({
      start: 1000, new: 200, end: 1050, spend: 75, frequency: 3, lifespan: 2.5, margin: 60,
    });
    assert.equal(report.value.clv, 562.5);
    assert.equal(report.value.profitClv, 337.5);
    assert.equal(report.value.lifespanSource, "entered");
    assert.deepEqual(report.errors, []);
    assert.equal(api.clv(75, 3, 2.5), 562.5);
  });

  test("5 % churn a month is 45.96 % a year, compounded", () => {
    const { annualRetentionRate, annualChurnRate } = api.annualise(5, "month");
    assert.ok(Math.abs(annualChurnRate - 45.96) < 0.005, String(annualChurnRate));
    assert.ok(Math.abs(annualRetentionRate + annualChurnRate - 100) < 1e-9);
    const { retention } = api.calculate({ start: 1000, new: 0, end: 950, period: "month" });
    assert.equal(retention.churnRate, 5);
    assert.ok(Math.abs(retention.annualChurnRate - 45.96) < 0.005);
  });

  test("retention() gives the figures or the mistakes", () => {
    const ok = api.retention(1000, 1050, 200);
    assert.equal(ok.retention.retentionRate, 85);
    assert.equal(ok.retention.period, "year");
    assert.deepEqual(ok.errors, []);
    const bad = api.retention(1000, 1050, 2000, "quarter");
    assert.equal(bad.retention, null);
    assert.equal(bad.errors[0].code, "newExceedsEnd");
  });

  test("the report is plain data: null for absent figures, explanations included", () => {
    const report = api.calculate({ start: 1000, new: 200, end: 1050 });
    assert.equal(report.value, null);
    assert.equal(report.discounted, null);
    assert.equal(report.acquisition, null);
    assert.equal(Object.getPrototypeOf(report), Object.prototype);
    assert.equal(report.explanations[0].figure, "retentionRate");
    assert.deepEqual(report.explanations[0].value, { unit: "percent", value: 85 });
    assert.deepEqual(report.explanations[0].formula[1], {
      kind: "value",
      value: { unit: "count", value: 1050 },
    });
    assert.deepEqual(JSON.parse(JSON.stringify(report)), report);
  });

  test("version() is the crate's", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(PKG, "package.json"), "utf8"));
    assert.equal(api.version(), pkg.version);
  });
});

describe("numbers as people type them", () => {
  test("Dutch: 1.234,56 with locale nl", () => {
    assert.equal(api.parseNumber("1.234,56", "nl"), 1234.56);
    assert.equal(api.parseNumber("1.050", "nl"), 1050);
    const report = api.calculate({
      start: "1.000", new: "200", end: "1.050", spend: "€ 75,00", frequency: "3",
      lifespan: "2,5", margin: "60 %", locale: "nl",
    });
    assert.deepEqual(report.errors, []);
    assert.equal(report.retention.retentionRate, 85);
    assert.equal(report.value.clv, 562.5);
  });

  test("English, the default: 1,234.56 and $75", () => {
    assert.equal(api.parseNumber("1,234.56"), 1234.56);
    assert.equal(api.parseNumber("1,050", "en"), 1050);
    const report = api.calculate({
      start: "1,000", new: 200, end: "1,050", spend: "$75", frequency: 3, lifespan: "2.5",
    });
    assert.deepEqual(report.errors, []);
    assert.equal(report.retention.lost, 150);
    assert.equal(report.value.clv, 562.5);
  });

  test("the locale applies wherever it comes in the object", () => {
    const report = api.calculate({ locale: "nl", start: "1.000", end: "1.050", new: "200" });
    assert.equal(report.retention.start, 1000);
  });

  test("empty is undefined, junk is NaN", () => {
    assert.equal(api.parseNumber("", "nl"), undefined);
    assert.equal(api.parseNumber("   "), undefined);
    assert.ok(Number.isNaN(api.parseNumber("abc")));
  });
});

describe("mistakes are data, with code, field and message", () => {
  test("S = 0: startIsZero on start", () => {
    const report = api.calculate({ start: 0, new: 0, end: 10 });
    assert.equal(report.retention, null);
    assert.deepEqual(errorFor(report, "start"), {
      code: "startIsZero",
      field: "start",
      message: "start must be more than zero customers",
    });
  });

  test("N > E: newExceedsEnd on new", () => {
    const e = errorFor(api.calculate({ start: 1000, new: 300, end: 200 }), "new");
    assert.equal(e.code, "newExceedsEnd");
    assert.match(e.message, /^new customers cannot exceed/);
  });

  test('"abc": notANumber', () => {
    const e = errorFor(api.calculate({ start: "abc", new: 0, end: 10 }), "start");
    assert.deepEqual(e, { code: "notANumber", field: "start", message: "start is not a number" });
  });

  test("margin 150: notAPercentage on margin, CLV still there", () => {
    const report = api.calculate({
      start: 1000, new: 200, end: 1050, spend: 75, frequency: 3, margin: 150,
    });
    assert.deepEqual(errorFor(report, "margin"), {
      code: "notAPercentage",
      field: "margin",
      message: "margin must be between 0 and 100 percent",
    });
    assert.equal(report.value.profitClv, null);
    assert.ok(report.value.clv > 0);
  });

  test("empty, null and missing are all missing; too large carries max", () => {
    const report = api.calculate({ start: "", end: null, frequency: 1e9 });
    assert.equal(errorFor(report, "start").code, "missing");
    assert.equal(errorFor(report, "end").code, "missing");
    assert.equal(errorFor(report, "new").code, "missing");
    assert.deepEqual(errorFor(report, "frequency"), {
      code: "tooLarge",
      field: "frequency",
      message: "frequency must be at most 10000",
      max: 10000,
    });
  });

  test("never throws for bad numbers", () => {
    for (const start of [-1, 1.5, NaN, Infinity, "1e5", "--5", "", "  "]) {
      const report = api.calculate({ start, new: 0, end: 10 });
      assert.equal(report.retention, null, String(start));
      assert.equal(errorFor(report, "start").field, "start");
    }
  });
});

describe("malformed calls throw an Error with a clear message", () => {
  const cases = [
    ["calculate(42)", () => api.calculate(42), /^invalid type: floating point `42(\.0)?`, expected an object of inputs/],
    ["calculate()", () => api.calculate(), /^invalid type: .*expected an object of inputs/],
    ["calculate(null)", () => api.calculate(null), /expected an object of inputs/],
    ["calculate([])", () => api.calculate([]), /^invalid type: array, expected an object of inputs/],
    ['calculate("1000")', () => api.calculate("1000"), /^invalid type: string "1000"/],
    ["a field that is an object", () => api.calculate({ start: {} }), /^start: invalid type: map, expected a number, a string or null$/],
    ["a field that is a boolean", () => api.calculate({ end: true }), /^end: invalid type: boolean `true`/],
    ["an unknown period", () => api.calculate({ period: "week" }), /^period: unknown variant `week`, expected one of `month`, `quarter`, `year`$/],
    ["an unknown locale", () => api.calculate({ locale: "de" }), /^locale: unknown variant `de`, expected `nl` or `en`$/],
    ["annualise without a period", () => api.annualise(5), /^period: /],
    ["an unknown currency", () => api.formatMoney(1, "JPY"), /^currency: unknown variant `JPY`/],
    ["parseNumber of a number", () => api.parseNumber(5), /^text: invalid type: floating point/],
    ["negative decimals", () => api.formatNumber(1, -1), /^decimals: expected a whole number from 0 to 20, got -1$/],
    ["fractional decimals", () => api.formatPercent(1, 1.5), /^decimals: /],
  ];
  for (const [name, call, message] of cases) {
    test(name, () => {
      assert.throws(call, (err) => {
        assert.ok(err instanceof Error, `${name} threw ${err}`);
        assert.match(err.message, message);
        assert.equal(err.message, err.message.trim());
        assert.doesNotMatch(err.message, /Error: /);
        assert.match(err.message, /^[a-z]/);
        return true;
      });
    });
  }
});

describe("formatters", () => {
  test("money", () => {
    assert.equal(api.formatMoney(1234.56, "EUR", "nl"), `€${NBSP}1.234,56`);
    assert.equal(api.formatMoney(1234.56, "USD", "en"), "$1,234.56");
    assert.equal(api.formatMoney(-5, "USD"), "-$5.00");
    assert.equal(api.formatMoney(337.5, "GBP", "nl"), `£${NBSP}337,50`);
  });

  test("numbers and percentages", () => {
    assert.equal(api.formatNumber(1234.5, 2, "nl"), "1.234,50");
    assert.equal(api.formatNumber(1234.5, 0), "1,235");
    assert.equal(api.formatNumber(1.005, 2, "en"), "1.01");
    assert.equal(api.formatPercent(85, 1, "nl"), `85,0${NBSP}%`);
    assert.equal(api.formatPercent(45.963991, 1, "en"), "46.0%");
  });

  test("parseNumber reads back what formatNumber writes", () => {
    for (const locale of ["nl", "en"]) {
      assert.equal(api.parseNumber(api.formatNumber(1234567.89, 2, locale), locale), 1234567.89);
    }
  });
});

describe("TypeScript types", () => {
  test("the .d.ts names the interfaces and types the functions precisely", () => {
    for (const name of ["Input", "Report", "Retention", "Value", "InputError", "Explanation"]) {
      assert.match(dts, new RegExp(`export interface ${name} \\{`), name);
    }
    for (const name of ["Token", "Quantity", "Period", "Locale", "Currency"]) {
      assert.match(dts, new RegExp(`export type ${name} =`), name);
    }
    assert.match(dts, /export function calculate\(input: Input\): Report;/);
    assert.match(dts, /export function retention\(.*newCustomers.*period\?: Period\): RetentionResult;/);
    assert.match(dts, /export function formatMoney\(value: number, currency: Currency, locale\?: Locale\): string;/);
    assert.doesNotMatch(dts.replace(/^.*InitOutput[\s\S]*$/m, ""), /: any\b/);
  });

  test("every key and name the API returns is in the .d.ts", () => {
    const reports = [
      api.calculate({
        start: 1000, new: 200, end: 1050, spend: 75, frequency: 3, margin: 60,
        discountRate: 10, cac: 300, period: "month",
      }),
      api.calculate({ start: 1000, new: 0, end: 1000, spend: 75, frequency: 3 }),
      api.calculate({ start: 1e11, new: "x", end: -1, spend: 0, margin: 101, cac: 0 }),
      api.retention(1000, 1050, 200),
      api.annualise(5, "quarter"),
    ];
    // Values of these keys are names from a closed set, which the .d.ts must list.
    assertTypesName(dts, reports, ["code", "field", "figure", "unit", "kind", "verdict", "ratioVerdict",
      "lifespanSource", "period", "advice"]);
  });
});
