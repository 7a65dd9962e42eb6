//! The TypeScript types of the JS API, written once next to the exports: wasm-bindgen puts
//! them in `retention_core.d.ts`.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** The length of the period between `start` and `end`. */
export type Period = "month" | "quarter" | "year";
/** Number habits: "nl" writes 1.234,56 and "en" writes 1,234.56. */
export type Locale = "nl" | "en";
/** ISO 4217 code of a money amount. */
export type Currency = "EUR" | "USD" | "GBP";

/** A number as a JS number, as text the way people type it ("1.234,56", "€ 75", "60 %"),
 * or empty: null, undefined or "". */
export type NumberInput = number | string | null | undefined;

/** The numbers someone entered. Empty required fields are reported in `Report.errors`. */
export interface Input {
  /** S: customers at the start of the period (required). */
  start?: NumberInput;
  /** E: customers at the end of the period (required). */
  end?: NumberInput;
  /** N: new customers won during the period (required). */
  new?: NumberInput;
  /** Average spend per purchase (required for CLV). */
  spend?: NumberInput;
  /** Purchases per customer per year (required for CLV). */
  frequency?: NumberInput;
  /** Gross margin in percent; empty means no profit CLV. */
  margin?: NumberInput;
  /** Expected lifespan in years; empty means estimate it from churn. */
  lifespan?: NumberInput;
  /** Yearly discount rate in percent, for discounted CLV. */
  discountRate?: NumberInput;
  /** Customer acquisition cost, for CLV : CAC and payback. */
  cac?: NumberInput;
  /** Default "year". */
  period?: Period | null;
  /** How text numbers are read; default "en". */
  locale?: Locale | null;
}

/** An input field, as named in `Input`. */
export type Field =
  | "start" | "end" | "new" | "spend" | "frequency" | "margin" | "lifespan" | "discountRate"
  | "cac";

/** What is wrong with an input. */
export type InputErrorCode =
  | "missing" | "notANumber" | "negative" | "notWhole" | "notPositive" | "tooLarge"
  | "startIsZero" | "newExceedsEnd" | "retainedExceedsStart" | "notAPercentage"
  | "lifespanNeeded";

/** A mistake in the inputs: data to show next to its field, never thrown. */
export interface InputError {
  code: InputErrorCode;
  /** The field the message belongs next to. */
  field: Field;
  /** Lowercase English, e.g. "new customers cannot exceed customers at the end". */
  message: string;
  /** Only with code "tooLarge": the largest value the field accepts. */
  max?: number;
}

/** Annual retention against the 85 % target (as shown, to one decimal): above, exactly on it, within 5 points below, further below. */
export type Verdict = "above" | "onTarget" | "near" | "below";
/** CLV : CAC against 3 : 1: at or above, between 1 : 1 and 3 : 1, below 1 : 1. */
export type RatioVerdict = "healthy" | "thin" | "losing";

/** Expected customer lifespan, 1 / churn. */
export interface Lifespan {
  periods: number;
  years: number;
}

/** Retention over the period, from S, E and N. Rates are in percent (85 means 85 %). */
export interface Retention {
  period: Period;
  start: number;
  end: number;
  new: number;
  /** E − N. */
  retained: number;
  /** S − (E − N). */
  lost: number;
  /** (E − N) / S × 100. */
  retentionRate: number;
  /** lost / S × 100. */
  churnRate: number;
  /** Compounded over a year: CRR^(periods a year). */
  annualRetentionRate: number;
  /** Compounded over a year: 1 − (1 − churn)^(periods a year). */
  annualChurnRate: number;
  /** null when no customer was lost. */
  lifespan: Lifespan | null;
  verdict: Verdict;
}

/** Customer lifetime value. */
export interface Value {
  spend: number;
  frequency: number;
  /** spend × frequency. */
  annualRevenue: number;
  lifespanYears: number;
  lifespanSource: "churn" | "entered";
  /** spend × frequency × lifespan in years. */
  clv: number;
  margin: number | null;
  /** clv × margin; null without a margin. */
  profitClv: number | null;
}

/** Discounted CLV (Gupta & Lehmann): m × r / (1 + d − r). */
export interface Discounted {
  annualMargin: number;
  usesMargin: boolean;
  annualRetention: number;
  discountRate: number;
  clv: number;
}

/** CLV : CAC and payback time. */
export interface Acquisition {
  cac: number;
  clv: number;
  usesMargin: boolean;
  ratio: number;
  verdict: RatioVerdict;
  monthlyMargin: number;
  paybackMonths: number | null;
  paysBack: boolean;
}

/** A figure on the page. */
export type Figure =
  | "retentionRate" | "retained" | "lost" | "churnRate" | "annualRetention" | "annualChurn"
  | "lifespan" | "clv" | "profitClv" | "discountedClv" | "clvCacRatio" | "payback";

/** A number with its unit, to format in the page's locale. */
export type Quantity =
  | { unit: "count"; value: number }
  | { unit: "percent"; value: number }
  | { unit: "money"; value: number }
  | { unit: "roundMoney"; value: number }
  | { unit: "number"; value: number }
  | { unit: "years"; value: number }
  | { unit: "periods"; value: [number, Period] }
  | { unit: "ratio"; value: number };

/** A piece of a formula written out with the user's numbers. */
export type Token =
  | { kind: "text"; value: string }
  | { kind: "value"; value: Quantity }
  | { kind: "power"; value: number };

/** A next step, for the page to word. */
export type Advice =
  | "onboarding" | "feedback" | "winBack" | "personalFollowUp" | "loyalty" | "referral"
  | "upsell" | "frequency" | "margin" | "acquisitionBudget" | "relyOnAcquisition"
  | "cheaperChannels" | "investInGrowth";

/** What one figure means. */
export interface Explanation {
  figure: Figure;
  value: Quantity;
  /** The formula with the user's numbers, up to "= value". */
  formula: Token[];
  verdict: Verdict | null;
  /** The same figure at exactly the 85 % annual retention target. */
  atTarget: Quantity | null;
  ratioVerdict: RatioVerdict | null;
  advice: Advice[];
}

/** Everything `calculate` found. A figure is null when its inputs have a mistake. */
export interface Report {
  retention: Retention | null;
  value: Value | null;
  discounted: Discounted | null;
  acquisition: Acquisition | null;
  /** At most one per field, in form order. */
  errors: InputError[];
  /** One per figure computed, in page order. */
  explanations: Explanation[];
}

/** What `retention` found: the figures, or the mistakes that kept it from them. */
export interface RetentionResult {
  retention: Retention | null;
  errors: InputError[];
}

/** Annual rates in percent. */
export interface Annualised {
  annualRetentionRate: number;
  annualChurnRate: number;
}
"#;

#[wasm_bindgen(typescript_custom_section)]
const ORDER_TYPES: &str = r#"
/** What separates the fields of an order export. */
export type Delimiter = "comma" | "semicolon" | "tab" | "whitespace";
/** How dates are written: yyyy-mm-dd, dd-mm-yyyy, mm/dd/yyyy, yyyymmdd, "Mar 1, 2023". A
 * time after the date is ignored: the calendar date as written. */
export type DateFormat = "iso" | "dayMonthYear" | "monthDayYear" | "compact" | "monthName";
/** The role of a column. */
export type ColumnKind =
  | "customer" | "date" | "amount" | "order" | "total" | "quantity" | "unitPrice" | "status"
  | "cancelledAt" | "refunded" | "email" | "name" | "other";
/** A known export, for the page to word ("Looks like a Shopify orders export"). */
export type ExportFormat =
  | "shopify" | "wooCommerce" | "lightspeed" | "magento" | "stripe" | "mollie" | "lineItems";
/** How a file's text is written. */
export type Encoding = "utf8" | "windows1252" | "utf16Le" | "utf16Be";

/** How to read an export; columns count from 0, null where the export has no such column.
 * An import needs a date, someone who bought (customer, email or name) and what an order is
 * worth (total, amount, or quantity and unitPrice). Only the first eight keys are required. */
export interface Mapping {
  delimiter: Delimiter;
  hasHeader: boolean;
  /** How many fields every row has. */
  columns: number;
  /** The customer id. */
  customer: number | null;
  date: number;
  /** An amount per row, summed per order (a line amount, or the order's). */
  amount: number | null;
  dateFormat: DateFormat;
  /** The amounts' habit: "nl" reads 1.234,56, "en" reads 1,234.56. */
  locale: Locale;
  /** Rows sharing an order number are one order; without, a customer's rows of a day. */
  order?: number | null;
  /** The order total, once per order. */
  total?: number | null;
  quantity?: number | null;
  /** Never an amount on its own: quantity × unitPrice. */
  unitPrice?: number | null;
  status?: number | null;
  /** A filled field leaves the order out. */
  cancelledAt?: number | null;
  /** Taken off the order's amount, once per order. */
  refunded?: number | null;
  /** Who bought when there is no customer id (compared without case). */
  email?: number | null;
  /** Who bought when there is no id and no e-mail. */
  name?: number | null;
  /** Statuses whose orders are left out (default: the core's LEFT_OUT_STATUSES). */
  leftOut?: string[];
  /** The sheet of a workbook; null is the first. */
  sheet?: string | null;
}

/** A status value seen in the sample, and whether the suggested mapping leaves it out. */
export interface StatusChoice {
  status: string;
  rows: number;
  leftOut: boolean;
}

/** What `sniffOrders` found. */
export interface Preview {
  delimiter: Delimiter;
  hasHeader: boolean;
  columns: { name: string; kind: ColumnKind; dateFormat: DateFormat | null; dateAmbiguous: boolean; numeric: boolean }[];
  /** The first data rows as text. */
  rows: string[][];
  /** The suggested mapping; null when the columns could not be told apart. */
  mapping: Mapping | null;
  /** A known export the headers match. */
  format: ExportFormat | null;
  encoding: Encoding;
  /** The status values of the sample with the suggested choice. */
  statuses: StatusChoice[];
  /** The sheets of a workbook; empty for text. */
  sheets: string[];
}

/** Why a file cannot be read as an order export at all. */
export type SniffError =
  | { code: "empty" } | { code: "binary" }
  | { code: "compressed"; format: "gzip" | "zip" | "sevenZip" | "rar" | "bzip2" | "xz" | "zstd" }
  | { code: "tooFewColumns"; found: number; needed: number }
  | { code: "tooManyColumns"; found: number; limit: number }
  | { code: "rowTooLong"; limit: number }
  | { code: "workbook" } | { code: "badWorkbook"; message: string } | { code: "noSuchSheet"; sheet: string };

/** Why `sniffOrders` could not read a file: thrown as an Error with this `code`. */
export type SniffErrorCode = SniffError["code"];

/** Why an import stopped, with the variant's numbers. */
export interface ImportError {
  code:
    | "cancelled" | "noSuchColumn" | "sameColumn" | "noCustomerColumn" | "noAmountColumn"
    | "rowTooLong" | "workbook";
  message: string;
  column?: number;
  columns?: number;
  line?: number;
  limit?: number;
  /** What the spreadsheet reader said. */
  detail?: string;
}

/** `sniffOrders`'s options. */
export interface SniffOptions {
  /** The bytes are only the start of the file (default false). */
  partial?: boolean;
  /** The sheet of a workbook to preview (default the first). */
  sheet?: string | null;
}

/** `OrderReader`'s options. */
export interface ReadOptions {
  /** Any number, such as Math.random(): keys the hash of the id tables so that no file can
   * be crafted to slow the import. Default: random. */
  seed?: number;
}

/** How to count: a customer is active in a period when they bought within `windowMonths`
 * months up to its end. Every field has a default. */
export interface SummaryOptions {
  period?: "month" | "quarter";
  windowMonths?: number;
  inactiveDays?: number;
  /** ISO date; default the last order's. */
  reference?: string | null;
  /** List at most this many inactive customers; default all. */
  inactiveLimit?: number | null;
}

/** What to forecast. Every field has a default. */
export interface ForecastOptions {
  /** Weeks ahead; default 52. */
  horizonWeeks?: number;
  /** Percent, for profit rather than revenue. */
  margin?: number | null;
  /** How many of the most valuable customers to list; default 100. */
  top?: number;
}

/** What an import read. rows = badRowCount + guestRows + leftOutRows + orderRows. */
export interface ImportStats {
  rows: number;
  /** Purchases: orders counted with a net amount of zero or more. */
  orders: number;
  /** Orders below zero: credit notes, cancellation invoices, returns. */
  refunds: number;
  refunded: number;
  unmatchedRefunds: number;
  customers: number;
  headerLine: number | null;
  badRowCount: number;
  /** The first 100 bad rows. */
  badRows: BadRow[];
  /** "customerDay" when there is no order column: one purchase per customer per day. */
  grouping: "orderNumber" | "customerDay";
  orderRows: number;
  /** Orders left out by status or a cancellation date, and their rows. */
  leftOut: number;
  leftOutRows: number;
  /** Orders per status value (the first 50 values). */
  statuses: { status: string; orders: number; leftOut: boolean }[];
  otherStatuses: number;
  /** Rows without a customer id, e-mail or name: counted, listed, never a customer. */
  guestRows: number;
  guestOrders: number;
  /** The first line of the first 100 guest orders. */
  guestLines: number[];
  /** Orders whose rows give different totals (the largest in size counts), and their first lines. */
  conflictingTotals: number;
  conflictingTotalLines: number[];
  encoding: Encoding;
  /** The file was not UTF-8 and was read as Windows-1252. */
  windows1252: boolean;
}

/** One period of an import, with S, E and N counted from the orders. */
export interface PeriodSummary {
  label: string;
  firstDay: string;
  lastDay: string;
  /** False for a period still running at the reference date. */
  complete: boolean;
  /** Its retention counts on a full active window (before, it reads near 100 %). */
  windowFull: boolean;
  start: number;
  end: number;
  new: number;
  firstTime: number;
  reactivated: number;
  orders: number;
  revenue: number;
  /** Null for the first period, which has no S. */
  retention: Retention | null;
}

/** Customers by the month of their first purchase; `shares[k]` bought k months later. */
export interface Cohort {
  label: string;
  firstDay: string;
  size: number;
  active: number[];
  shares: number[];
}

/** Historical CLV per customer: net spend so far. */
export interface ClvStats {
  mean: number; min: number; p25: number; median: number; p75: number; p90: number; max: number;
}

/** A customer to win back. */
export interface InactiveCustomer {
  id: string;
  /** When the export has an e-mail column and a row of theirs fills it. */
  email: string | null;
  /** When the export has a name column and a row of theirs fills it. */
  name: string | null;
  lastOrder: string;
  daysInactive: number;
  orders: number;
  spend: number;
  /** Their RFM segment on the reference day. */
  segment: Segment;
}

/** How many customers of a segment a list holds. */
export interface SegmentCount {
  segment: Segment;
  customers: number;
}

/** What an import counts. */
export interface Summary {
  options: SummaryOptions;
  reference: string | null;
  firstOrder: string | null;
  lastOrder: string | null;
  customers: number;
  orders: number;
  revenue: number;
  refunded: number;
  repeatCustomers: number;
  repeatPurchaseRate: number | null;
  averageOrderValue: number | null;
  purchaseFrequency: number | null;
  clv: ClvStats | null;
  /** The length of the periods in `periods`: `options.period`, or longer for a history of
   * more than 120 of them. */
  period: Period;
  periods: PeriodSummary[];
  /** The latest 120 first-purchase months. */
  cohorts: Cohort[];
  /** Older first-purchase months, left out of `cohorts`. */
  cohortsLeftOut: number;
  /** The first `inactiveLimit` inactive customers, most recently lapsed first. */
  inactive: InactiveCustomer[];
  /** How many customers are inactive, listed or not. */
  inactiveCount: number;
  /** How many inactive customers (listed or not) each segment holds, every segment in
   * order; empty without purchases. */
  inactiveSegments: SegmentCount[];
  /** Calculator inputs from the last complete period with customers at its start and a full
   * active window; S, E and N null when there is none. */
  fill: { [K in Field]: number | null } & { period: Period };
  /** The label of the period `fill` comes from. */
  fillPeriod: string | null;
  /** The longest active window (months) under which the last complete period fills the
   * calculator; null when that period starts in the first purchase's month, or there is none. */
  longestFullWindow: number | null;
  /** Calculator inputs from the last 12 complete months as a year, rounded; null without
   * purchases before and in that year. */
  year: YearFill | null;
}

/** The calculator's inputs for the last 12 complete months of an import, as a year. */
export interface YearFill {
  inputs: { [K in Field]: number | null } & { period: Period };
  firstDay: string;
  lastDay: string;
  /** The active window ending the day before the year lies within the export. */
  windowFull: boolean;
}

/** A customer to win back, with what is at stake: spend × P(alive). */
export interface AtRisk {
  id: string;
  lastOrder: string;
  daysInactive: number;
  orders: number;
  spend: number;
  pAlive: number | null;
  atStake: number;
  /** Their RFM segment on the reference day. */
  segment: Segment;
}

/** The customers to win back first: those without a purchase for `cutoffDays` (twice the
 * shop's purchase cycle by default), most at stake first. */
export interface WinBack {
  cycleDays: number | null;
  cutoffDays: number;
  count: number;
  atStake: number;
  customers: AtRisk[];
}

/** Why a model could not be fitted. */
export type FitError =
  | { code: "tooFewCustomers"; found: number; needed: number }
  | { code: "noRepeatBuyers" }
  | { code: "tooFewRepeatBuyers"; found: number; needed: number }
  | { code: "invalidCustomer"; index: number }
  | { code: "didNotConverge" };

/** One customer's forecast over the horizon. */
export interface CustomerForecast {
  id: string;
  frequency: number;
  weeksSinceLast: number;
  /** Historical CLV: net spend so far, refunds taken off; null from a summary file. */
  spent: number | null;
  pAlive: number;
  expectedPurchases: number;
  expectedSpend: number;
  clv: number;
}

/** The fitted models (time in weeks) and what they expect of the customer base. */
export interface Forecast {
  /** Null when the history came as a summary file. */
  calibrationEnd: string | null;
  options: ForecastOptions;
  customers: number;
  repeatCustomers: number;
  purchases: { r: number; alpha: number; a: number; b: number };
  spend: { p: number; q: number; gamma: number };
  expectedPurchases: number;
  expectedValue: number;
  meanPAlive: number;
  top: CustomerForecast[];
}

/** `Analyzer.forecast`: one of the two is null. */
export interface Forecasted {
  forecast: Forecast | null;
  error: FitError | null;
}

/** A named group on the R × F grid, best first: R 5 F 4–5 champions, R 3–4 F 4–5 loyal,
 * R 4–5 F 2–3 potentialLoyalists, R 5 F 1 new, R 4 F 1 promising, R 3 F 3 needsAttention,
 * R 3 F 1–2 aboutToSleep, R 1–2 F 3–4 atRisk, R 1–2 F 5 cantLose, R 1 F 1 lost, the rest of
 * R 1–2 F 1–2 hibernating. */
export type Segment =
  | "champions" | "loyal" | "potentialLoyalists" | "new" | "promising" | "needsAttention"
  | "aboutToSleep" | "atRisk" | "cantLose" | "hibernating" | "lost";

/** A step for a segment's customers, for the page to word. */
export type SegmentAction =
  | "rewardVip" | "askReferral" | "upsell" | "loyaltyProgramme" | "recommend" | "onboarding"
  | "secondPurchase" | "limitedOffer" | "winBackMail" | "personalContact" | "askWhy"
  | "cheapReactivation" | "lastChance" | "stopMailing";

/** One segment: its customers and what they are worth. Shares are in percent. */
export interface SegmentSummary {
  segment: Segment;
  customers: number;
  /** 0 without customers. */
  customerShare: number;
  /** Net spend: purchases minus refunds. */
  revenue: number;
  /** null when all net spend is zero or less. */
  revenueShare: number | null;
  /** Per customer; null for an empty segment. */
  meanSpend: number | null;
  meanDaysSince: number | null;
  meanPurchaseDays: number | null;
  /** From the forecast, over its horizon; null without one. */
  meanPredictedClv: number | null;
  predictedValue: number | null;
  meanPAlive: number | null;
  actions: SegmentAction[];
}

/** A cell of the R × F grid. */
export interface GridCell {
  recency: number;
  frequency: number;
  customers: number;
  revenue: number;
  segment: Segment;
}

/** The values a score 1–5 covers (days since the last purchase, purchase days, net spend);
 * null bounds when a group of equal values ran past it. */
export interface ScoreRange {
  score: number;
  customers: number;
  lowest: number | null;
  highest: number | null;
}

/** `Analyzer.segments`: the RFM segments of an import. */
export interface Segmentation {
  reference: string | null;
  customers: number;
  revenue: number;
  /** Predicted CLV and P(alive) are filled in. */
  forecast: boolean;
  /** All eleven, in `Segment`'s order, empty ones included. */
  segments: SegmentSummary[];
  /** 25 cells: recency 1 to 5, and within each frequency 1 to 5. */
  grid: GridCell[];
  recency: ScoreRange[];
  frequency: ScoreRange[];
  monetary: ScoreRange[];
}

/** A row of an export that was not read, and why. */
export interface BadRow {
  line: number;
  reason: { code: "columns"; found: number; expected: number } | { code: "noCustomer" }
    | { code: "date"; text: string } | { code: "amount"; text: string } | { code: "unclosedQuote" }
    | { code: "noOrder" } | { code: "noDate" } | { code: "noAmount" };
}
"#;

#[wasm_bindgen(typescript_custom_section)]
const WORKER_TYPES: &str = r#"
/** What the page asks of `ImportSession` (the calculator's import worker). Send the file
 * beside `preview`, `import`, `memberPreview` and `memberImport`. A preview with `then` that
 * leaves nothing to decide (a text file, a mapping that can import, a date column no other
 * format reads too) is followed at once by the answers of
 * `{ import: { mapping: preview.mapping, ...then } }`. */
export type Request =
  | { preview: { sheet?: string | null; then?: { summary: SummaryOptions; forecast: ForecastOptions } | null } }
  | { import: { mapping: Mapping; summary: SummaryOptions; forecast: ForecastOptions } }
  | { summarise: SummaryOptions }
  | { segments: SummaryOptions }
  | { download: { file: Download; options: SummaryOptions; locale: Locale } }
  | { memberPreview: { sheet?: string | null } }
  | { memberImport: { mapping: MemberMapping; options: MemberOptions; sheet?: string | null } }
  | { memberAnalyse: MemberOptions }
  | { warehouseSql: WarehouseQuery };

/** A file the import worker writes: a segment's customers, or everyone with a segment. */
export type Download = "winBack" | "forecast" | "segments" | { segment: Segment };

/** Why the import worker could not do what was asked. */
export type Problem =
  | "unreadable" | "tooLarge" | "nothingImported" | "badRequest"
  | { sniff: SniffError } | { mapping: ImportError }
  | { memberMapping: { code: "cancelled" | "noSuchColumn" | "sameColumn"; message: string; column?: number; columns?: number } }
  | { summaryFile: SummaryFileError };

/** A previewed file that was a per-customer summary: read and fitted at once. */
export interface SummaryRead extends SummaryFileStats {
  /** Spend and frequency for the calculator, a year. */
  fill: { [K in Field]: number | null } & { period: Period };
}

/** A step of an import: "read" is a workbook read into memory (text is read as it is
 * parsed). */
export type Stage = "read" | "parse" | "summarise" | "forecast";

/** What `ImportSession` answers, one call of `post` each. */
export type Response =
  | { preview: Preview }
  | { progress: { stage: Stage; done: number; total: number } }
  | { stats: Omit<ImportStats, "windows1252"> }
  | { summary: Summary }
  | { forecast: { Ok: Forecast } | { Err: FitError } }
  | { segments: Segmentation }
  | { winBack: WinBack }
  | { file: { file: Download; text: string } }
  | { memberPreview: MemberPreview }
  | { memberStats: MemberImportStats }
  | { memberSummary: MemberSummary }
  | { warehouseSql: { Ok: string } | { Err: SqlError } }
  | { summaryFile: SummaryRead }
  | { done: { timings: { read: number; parse: number; summarise: number; forecast: number }; bytes: number } }
  | { failed: Problem };
"#;
