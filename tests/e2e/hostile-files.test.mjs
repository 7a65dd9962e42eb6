// Files an attacker or a careless user drops on the import: each ends in a message in the
// page's language, the page keeps answering, and nothing in a download runs in a spreadsheet.
import assert from "node:assert/strict";
import fs from "node:fs";
import { test } from "node:test";
import zlib from "node:zlib";
import { plain, servePage } from "./harness.mjs";

/** Chooses a file and waits until the page shows it is the one being looked at. */
async function choose(page, name, content) {
  await page.locator("#rc-import-file").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(content) });
  await page.locator(".rc-file-name", { hasText: name }).waitFor();
}

/** The import's problem message, once shown. */
async function problem(page) {
  const message = page.locator(".rc-import-problem");
  await message.waitFor({ timeout: 20_000 });
  return plain(await message.innerText());
}

const EXPORT = "customer,date,amount\nk1,2024-01-05,10.00\nk2,2024-02-06,12.50\n";

/** A zip holding `text` as `name`, stored, as Windows' "Send to › Compressed folder" writes. */
function zipped(name, text) {
  const data = Buffer.from(text);
  const file = Buffer.from(name);
  const crc = zlib.crc32(data);
  // A record: its signature, then its [offset, value, 2- or 4-byte] fields (APPNOTE.TXT 4.3).
  const record = (signature, size, fields) => {
    const b = Buffer.alloc(size);
    b.writeUInt32LE(signature, 0);
    for (const [at, value, bytes] of fields) (bytes === 2 ? b.writeUInt16LE : b.writeUInt32LE).call(b, value, at);
    return b;
  };
  const sizes = (at) => [[at, crc, 4], [at + 4, data.length, 4], [at + 8, data.length, 4], [at + 12, file.length, 2]];
  const local = record(0x04034b50, 30, [[4, 20, 2], ...sizes(14)]);
  const central = record(0x02014b50, 46, [[4, 20, 2], [6, 20, 2], ...sizes(16)]);
  const entries = [[8, 1, 2], [10, 1, 2], [12, central.length + file.length, 4], [16, local.length + file.length + data.length, 4]];
  return Buffer.concat([local, file, data, central, file, record(0x06054b50, 22, entries)]);
}

/** UTF-16 little-endian with its byte-order mark, as "Unicode text" from Excel. */
function utf16(text) {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
}

test("hostile and careless files", async (t) => {
  const { page, requests, errors, c } = await servePage(t);
  await c.ready();

  await t.test("a file that is not an order export says why, in Dutch", async () => {
    const cases = [
      ["leeg.csv", "", /^Dit bestand is leeg\.$/],
      ["foto.csv", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), /^Dit is geen tekstbestand\./],
      ["kapot.xlsx", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]), /^Deze spreadsheet kon niet worden gelezen\./],
      ["orders.csv.gz", zlib.gzipSync(EXPORT), /^Dit is een gecomprimeerd bestand \(gzip\)\. Pak het eerst uit en kies dan het bestand dat erin zit\.$/],
      ["orders.zip", zipped("orders.csv", EXPORT), /^Dit is een gecomprimeerd bestand \(zip\)\. Pak het eerst uit/],
      ["mails.csv", "ann@example.com\nbob@example.com\n", /^Dit bestand heeft 1 kolom\(men\); een orderexport heeft er minstens 3/],
      ["tabel.csv", (Array.from({ length: 2000 }, (_, i) => `k${i}`).join(",") + "\n").repeat(3), /^Dit bestand heeft 2\.000 kolommen, meer dan de 1\.000 van een orderexport\./],
    ];
    for (const [name, content, expected] of cases) {
      await choose(page, name, content);
      assert.match(await problem(page), expected, name);
      assert.equal(await page.locator("[data-preview]").count(), 0, name);
    }
  });

  await t.test("a Windows-1252 export (Excel's CSV) previews with its euro signs and amounts", async () => {
    const text = "klant;datum;bedrag\nk1;01-02-2024;€ 10,00\nk2;03-02-2024;€ 1.234,50\nk3;05-02-2024;€ 7,25\n";
    // Windows-1252: the euro sign is the byte 0x80, the rest is ASCII.
    const bytes = Buffer.from(text.replace(/€/g, "\x80"), "latin1");
    await choose(page, "excel.csv", bytes);
    await page.locator("[data-preview]").waitFor();
    assert.equal(await page.locator("#rc-map-amount").inputValue(), "2");
    assert.equal(await page.locator("#rc-map-amounts").inputValue(), "nl");
    const cells = (await page.locator("[data-preview] td").allInnerTexts()).map(plain);
    assert.ok(cells.includes("€ 1.234,50"), cells.join(" | "));
  });

  await t.test("a UTF-16 export is read or refused in Dutch, never in raw English", async () => {
    await choose(page, "unicode.csv", utf16("klant;datum;bedrag\nk1;01-02-2024;10,00\nk2;03-02-2024;12,50\n"));
    const outcome = page.locator(".rc-import-problem, [data-preview]").first();
    await outcome.waitFor({ timeout: 20_000 });
    const text = plain(await page.locator("[data-section=import]").innerText());
    assert.doesNotMatch(text, /column \d|cannot|does not exist|not a date|unreadable/i, text);
  });

  await t.test("two million columns are refused at once, and the page keeps answering", async () => {
    // The 16 MB file: one line of 2,000,000 short fields, then more of them. Its first
    // row does not end within the 256 KB the sniffer reads.
    const line = Array.from({ length: 2_000_000 }, (_, i) => (i % 10).toString()).join(",") + "\n";
    await choose(page, "breed.csv", line + line);
    await c.type("start", "2000");
    assert.equal(await c.figure("retentionRate"), "42,5 %", "the calculator answers while the worker looks");
    assert.match(await problem(page), /^De eerste regel is langer dan 256 KB\. Is dit wel een orderexport/);
    await c.type("start", "1000");
  });

  await t.test("a wide export shows fifty columns, and search finds the others", async () => {
    const names = Array.from({ length: 300 }, (_, i) => `veld${i + 1}`);
    names[0] = "klant";
    names[1] = "datum";
    names[2] = "bedrag";
    const row = (k) => names.map((_, i) => (i === 0 ? `k${k}` : i === 1 ? `0${1 + (k % 9)}-01-2024` : i === 2 ? "10,00" : "x")).join(";");
    await choose(page, "veel-kolommen.csv", [names.join(";"), row(1), row(2), row(3)].join("\n") + "\n");
    await page.locator("[data-preview]").waitFor();
    assert.equal(await page.locator("[data-preview] th").count(), 50);
    assert.match(plain(await page.locator("[data-columns-shown]").innerText()), /^50 van de 300 kolommen/);
    await page.locator("#rc-map-search").fill("veld250");
    const headers = await page.locator("[data-preview] th").allInnerTexts();
    assert.ok(headers.includes("250 (veld250)"), headers.join(" | "));
    assert.ok(headers.includes("1 (klant)"), "the chosen columns stay in view");
    assert.ok(await page.locator("#rc-map-customer option[value='249']").count(), "and in the menus");
  });

  await t.test("two centuries of orders are counted by year, and the page says so", async () => {
    await choose(page, "eeuwen.csv", "klant;datum;bedrag\noud;05-01-1900;10,00\nnieuw;20-12-2100;20,00\nnieuw;21-12-2100;5,00\n");
    await page.locator("[data-action=analyse]").click();
    await page.locator("[data-summary-note]").first().waitFor({ timeout: 20_000 });
    assert.equal(await page.locator("[data-period]").count(), 201);
    const notes = (await page.locator("[data-summary-note]").allInnerTexts()).map(plain);
    assert.match(notes[0], /^Je orders beslaan 201 kalenderjaren: te veel om per maand te tonen, dus de tabel telt per jaar\.$/);
    assert.match(notes[1], /^De heatmap toont de 1 jongste cohorten; 1 oudere maanden zijn weggelaten\.$/);
    assert.equal(await page.locator("[data-cohorts] tbody tr").count(), 1);
  });

  await t.test("customer ids that are formulas cannot run in the win-back file", async () => {
    const ids = ['"=HYPERLINK(""http://evil"",""x"")"', "+cmd|' /C calc'!A0", "@SUM(1+1)", "=1+1", "-42"];
    const lines = ["customer,date,amount", ...ids.map((id, i) => `${id},2024-01-0${i + 1},10.00`), "ann,2024-06-01,10.00"];
    await choose(page, "hostile.csv", lines.join("\n") + "\n");
    await page.locator("[data-action=analyse]").click();
    await page.locator("[data-action=download-inactive]").waitFor({ timeout: 20_000 });
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("[data-action=download-inactive]").click()]);
    assert.equal(download.suggestedFilename(), "win-back.csv");
    const csv = fs.readFileSync(await download.path(), "utf8");
    const written = csv.replace(/^\ufeff/, "").split("\r\n").slice(1, -1).map((l) => l.slice(0, l.search(/;20\d\d-/)));
    assert.deepEqual(written.sort(), ['"\'=HYPERLINK(""http://evil"",""x"")"', "'+cmd|' /C calc'!A0", "'=1+1", "'@SUM(1+1)", "-42"].sort());
  });

  assert.deepEqual(errors, []);
  requests.assertAllLocal();
});

test("the same failures in English on an English page", async (t) => {
  const { page, errors, c } = await servePage(t, "/?locale=en", { locale: "en-US" });
  await c.ready();
  await choose(page, "photo.csv", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
  assert.match(await problem(page), /^This is not a text file\. Save your export as CSV/);
  await choose(page, "broken.xlsx", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 8, 0]));
  assert.match(await problem(page), /^This spreadsheet could not be read\./);
  await choose(page, "mails.csv", "ann@example.com\nbob@example.com\n");
  assert.match(await problem(page), /^This file has 1 column\(s\); an order export has at least 3/);
  await choose(page, "orders.zip", zipped("orders.csv", EXPORT));
  assert.match(await problem(page), /^This is a compressed file \(zip\)\. Unpack it first, then choose the file inside\.$/);
  // The member import tells it the same way.
  await page.locator("label", { hasText: "Members: subscriptions" }).click();
  await page.locator("#rc-mi-file").setInputFiles({ name: "members.csv.gz", mimeType: "application/gzip", buffer: zlib.gzipSync("member,start,end\nm1,2024-01-01,\n") });
  const members = page.locator(".rc-member-import .rc-import-problem");
  await members.waitFor({ timeout: 20_000 });
  assert.match(plain(await members.innerText()), /^This is a compressed file \(gzip\)\. Unpack it first/);
  assert.deepEqual(errors, []);
});
