// cardvalid's as-you-type checks in the browser, driven by the server's exported
// rules (`cardvalid export-rules`, served at /rules.json). Every rule (brand
// table, lengths, each character's kind and each field's cleaner, the expiry
// reader's pattern and spellings, the two-digit-year window, postal patterns
// and their beginnings, messages) comes from that document; this file only
// holds the reading logic, mirroring src/cardvalid/text.py, number.py,
// brands.py, expiry.py and address/postal.py, and
// tests/test_browser.py compares its answers with the server's.
// The answers are the server's: codes, params and severity, never the input.
"use strict";

// eslint-disable-next-line no-unused-vars
// `acceptedBrands`: the networks the merchant takes (null: every one), as
// check_number(accepted_brands=...) reads them.
function makeChecker(rules, { acceptedBrands = null } = {}) {
  const chars = (s) => Array.from(s); // code points, as Python counts them
  const spaces = new Set(chars(rules.text.spaces));
  const isAscii = (s) => /^[\x00-\x7f]*$/.test(s);
  const pyStrip = (s) => {
    const cs = chars(s);
    let i = 0;
    let j = cs.length;
    while (i < j && spaces.has(cs[i])) i += 1;
    while (j > i && spaces.has(cs[j - 1])) j -= 1;
    return cs.slice(i, j).join("");
  };
  const pyLstrip = (s) => {
    const cs = chars(s);
    let i = 0;
    while (i < cs.length && spaces.has(cs[i])) i += 1;
    return cs.slice(i).join("");
  };
  const fullmatch = (source, flags) => new RegExp(`^(?:${source})$`, flags);

  // ------------------------------------------------------------ text (cardvalid/text.py)

  // The exported run [first, last, kind] holding a code point, or null.
  const runs = rules.text.kinds;
  function runOf(code) {
    let low = 0;
    let high = runs.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (code < runs[mid][0]) high = mid - 1;
      else if (code > runs[mid][1]) low = mid + 1;
      else return runs[mid];
    }
    return null;
  }
  // text.kind(): the run's kind; outside every run a letter or other (kept by every field).
  const kind = (ch) => {
    const run = runOf(ch.codePointAt(0));
    return run ? run[2] : /^\p{L}$/u.test(ch) ? "letter" : "other";
  };
  const isDigit = (ch) => kind(ch) === "digit"; // str.isdecimal()
  const digitValue = (ch) => {
    const code = ch.codePointAt(0);
    return (code - runOf(code)[0]) % 10; // digit runs are sets of ten from a zero
  };
  // A field's text.Cleaner: each kind kept (null), replaced, or dropped ("").
  const cleaner = ({ rules: byKind, digits }) => (s) =>
    chars(s)
      .map((ch) => {
        const k = kind(ch);
        if (digits && k === "digit") return String(digitValue(ch));
        return byKind[k] === null ? ch : byKind[k];
      })
      .join("");
  const clean = Object.fromEntries(Object.entries(rules.text.cleaners).map(([field, c]) => [field, cleaner(c)]));
  const dropsFromNumber = (ch) => rules.text.cleaners.number.rules[kind(ch)] === "";
  // The `kind` param of `*.invalid_characters`: by Unicode major category.
  const categories = ["L", "N", "P", "S", "M", "Z", "C"];
  const badKind = (ch) => {
    if (kind(ch) === "reorder") return "direction_control";
    for (const c of categories) if (new RegExp(`^\\p{${c}}$`, "u").test(ch)) return rules.number.kinds[c];
    return rules.number.kinds.C;
  };

  // ------------------------------------------------------------ reasons

  const problem = (code, params = {}, severity = null) => ({
    code,
    params,
    severity: severity || rules.reasons[code].severity,
    field: rules.reasons[code].field,
    checklist: rules.reasons[code].checklist,
  });
  const checklistOrder = Object.fromEntries(rules.checklist.map((item, i) => [item, i]));
  const sortProblems = (problems) =>
    problems
      .map((p, i) => [p, i])
      .sort((a, b) => checklistOrder[a[0].checklist] - checklistOrder[b[0].checklist] || a[1] - b[1])
      .map(([p]) => p);

  function text(code, context, params, locale) {
    const catalog = rules.messages[locale] || rules.messages[rules.locales[0]];
    const template = (catalog[code] || {})[context];
    if (!template) return code;
    const or = catalog._list.or;
    return template.replace(/\{(\w+)\}/g, (whole, key) => {
      if (!(key in params)) return whole;
      const value = params[key];
      if (Array.isArray(value)) {
        const items = value.map(String);
        return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} ${or} ${items[items.length - 1]}`;
      }
      if (value === null) return "None";
      if (value === true || value === false) return value ? "True" : "False";
      return String(value);
    });
  }

  // ------------------------------------------------------------ brands

  const order = Object.fromEntries(rules.brands.order.map((b, i) => [b, i]));
  const width8 = rules.brands.prefix_digits;
  const rowOf = Object.fromEntries(rules.brands.rows.map((r) => [r.brand, r]));
  const entries = [];
  for (const row of rules.brands.rows) {
    for (const prefix of row.prefixes) {
      const [low, high = low] = prefix.split("-");
      const scale = 10 ** (width8 - low.length);
      entries.push({
        row,
        start: Number(low) * scale,
        stop: (Number(high) + 1) * scale,
        width: low.length,
        also: row.co_badged[prefix] || [],
      });
    }
  }
  const UNKNOWN = { brand: null, brands: [], spec: null, lengths: [], luhn: false };
  const unionLengths = (brands) =>
    [...new Set(brands.flatMap((b) => (rowOf[b] ? rowOf[b].lengths : [])))].sort((a, b) => a - b);

  function resolve(point, maxWidth = Infinity) {
    const found = entries.filter((e) => e.width <= maxWidth && e.start <= point && point < e.stop);
    if (!found.length) return UNKNOWN;
    const width = Math.max(...found.map((e) => e.width));
    const best = found.filter((e) => e.width === width).sort((a, b) => order[a.row.brand] - order[b.row.brand]);
    const brands = [];
    for (const e of best) for (const b of [e.row.brand, ...e.also]) if (!brands.includes(b)) brands.push(b);
    const spec = best[0].row;
    return { brand: spec.brand, brands, spec, lengths: spec.lengths, luhn: spec.luhn };
  }

  // The brand of a full number or of any prefix of one: the most specific
  // prefix wins; while the digits could still become several brands, every
  // candidate (the one already matched first) and no brand.
  function lookup(digits) {
    const w = digits.length;
    if (w === 0) return UNKNOWN;
    if (w >= width8) return resolve(Number(digits.slice(0, width8)));
    const scale = 10 ** (width8 - w);
    const start = Number(digits) * scale;
    const stop = start + scale;
    const points = new Set([start]);
    for (const e of entries) {
      if (e.start > start && e.start < stop) points.add(e.start);
      if (e.stop > start && e.stop < stop) points.add(e.stop);
    }
    const labels = [...points].map((p) => resolve(p));
    const key = (m) => m.brands.join(",");
    if (labels.every((m) => key(m) === key(labels[0]))) return labels[0];
    const head = resolve(start, w).brands;
    const rest = [...new Set(labels.flatMap((m) => m.brands))]
      .filter((b) => !head.includes(b))
      .sort((a, b) => order[a] - order[b]);
    const brands = [...head, ...rest];
    return { brand: null, brands, spec: null, lengths: unionLengths(brands), luhn: false };
  }

  function luhnValid(digits) {
    let sum = 0;
    for (let i = 0; i < digits.length; i += 1) {
      let d = digits.charCodeAt(digits.length - 1 - i) - 48;
      if (i % 2 === 1) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
    }
    return sum % 10 === 0;
  }

  // ------------------------------------------------------------ digits

  // The ASCII digits of a typed number, or why they cannot be read: the
  // number's cleaner drops its separators, and what is left must be digits.
  function readDigits(value, cap) {
    const cs = chars(value);
    if (cs.length > cap) return { fail: "too_long" };
    const kept = chars(clean.number(value));
    if (!kept.length) return { fail: "missing" };
    if (kept.every(isDigit)) {
      const digits = kept.map(digitValue).join("");
      return { digits, folded: !kept.every((ch) => ch >= "0" && ch <= "9") };
    }
    const bad = cs.findIndex((ch) => !isDigit(ch) && !dropsFromNumber(ch));
    return { fail: "invalid_characters", params: { position: bad + 1, kind: badKind(cs[bad]) } };
  }

  // ------------------------------------------------------------ number

  const lengthParams = (spec, length) => ({ brand: spec.display_name, lengths: spec.lengths, length });

  function verdict(digits, m) {
    const length = digits.length;
    if (length < rules.number.min_length) return ["number.too_short", { min_length: rules.number.min_length }];
    if (!m.spec) return ["number.unknown_brand", {}];
    if (!m.spec.lengths.includes(length)) return ["number.length_for_brand", lengthParams(m.spec, length)];
    if (m.spec.luhn && !luhnValid(digits)) return ["number.checksum", {}];
    return null;
  }

  function partialVerdict(digits, m) {
    if (!m.brands.length) return ["number.unknown_brand", {}];
    const length = digits.length;
    const canGrow = m.lengths.length > 0 && length < m.lengths[m.lengths.length - 1];
    const spec = m.spec;
    if (spec && spec.lengths.includes(length)) {
      if (!spec.luhn || luhnValid(digits)) return null;
      return canGrow ? ["number.incomplete", {}] : ["number.checksum", {}];
    }
    if (canGrow || !spec) return ["number.incomplete", {}];
    return ["number.length_for_brand", lengthParams(spec, length)];
  }

  const cardOf = (m) => ({
    brand: m.brand,
    brands: m.brands,
    display_name: m.spec ? m.spec.display_name : null,
    gaps: m.spec ? m.spec.gaps : rules.brands.default_gaps,
    security_code: m.spec ? m.spec.security_code : null,
  });

  const displayName = (b) => (rowOf[b] ? rowOf[b].display_name : b);
  let accepted = null;
  if (acceptedBrands !== null) {
    accepted = new Set(
      Array.from(acceptedBrands, (b) => {
        const brand = String(b).trim().toLowerCase();
        if (!(brand in order)) throw new Error("acceptedBrands must hold brand values");
        return brand;
      }),
    );
  }
  // The brand rows of the networks taken (every row without the option).
  const acceptedRows = rules.brands.rows.filter((r) => !accepted || accepted.has(r.brand));

  // `number.brand_not_accepted` once none of the networks the digits are (or may still become) is taken.
  function notAccepted(m) {
    if (!m.brands.length || m.brands.some((b) => accepted.has(b))) return null;
    return ["number.brand_not_accepted", { brands: m.brands.map(displayName), accepted: [...accepted].map(displayName).sort() }];
  }

  // check_number(value, partial=..., accepted_brands=the checker's): problems, and the brand (never the digits).
  function checkNumber(value, { partial = false } = {}) {
    const problems = [];
    const read = readDigits(value, rules.number.max_input);
    if (read.fail) {
      if (read.fail === "missing" && partial) problems.push(problem("number.incomplete"));
      else if (read.fail === "too_long") problems.push(problem("number.too_long", { max_length: rules.number.max_length }));
      else problems.push(problem(`number.${read.fail}`, read.params || {}));
      return { problems, card: null };
    }
    if (read.folded) problems.push(problem("number.unicode_digits"));
    if (read.digits.length > rules.number.max_length) {
      problems.push(problem("number.too_long", { max_length: rules.number.max_length }));
      return { problems, card: null };
    }
    const m = lookup(read.digits);
    let found = partial ? partialVerdict(read.digits, m) : verdict(read.digits, m);
    if (accepted && (found === null || found[0] === "number.incomplete")) found = notAccepted(m) || found;
    if (found) problems.push(problem(found[0], found[1]));
    return { problems: sortProblems(problems), card: cardOf(m) };
  }

  // The digits grouped as the brand prints them (groups of 4 when unknown).
  function formatNumber(digits) {
    const spec = lookup(digits).spec;
    const gaps = spec ? spec.gaps : rules.brands.default_gaps;
    const groups = [];
    let start = 0;
    for (const gap of gaps) {
      if (gap >= digits.length) break;
      groups.push(digits.slice(start, gap));
      start = gap;
    }
    groups.push(digits.slice(start));
    return groups.join(" ");
  }

  // ------------------------------------------------------------ security code

  // check_cvc(value, brand=..., partial=...): blanks around the code and
  // invisible marks are dropped; anything else that is not a digit, separators
  // included, is `cvc.invalid_characters`. While typing, `cvc.incomplete`
  // exactly when more digits can still give a code of the right size.
  function checkCvc(value, { brand = null, partial = false } = {}) {
    const spec = brand ? rowOf[brand] || null : null;
    const sizes = spec ? [spec.security_code.size] : rules.cvc.sizes;
    const biggest = Math.max(...rules.cvc.sizes);
    if (chars(value).length > rules.cvc.max_input) return { problems: [problem("cvc.too_long", { max_length: biggest })] };
    const text = isAscii(value) ? value : clean.cvc(value);
    const code = chars(pyStrip(text));
    if (!code.length) return { problems: [problem(partial ? "cvc.incomplete" : "cvc.missing")] };
    const bad = code.findIndex((ch) => !isDigit(ch));
    if (bad >= 0) {
      const offset = chars(text).length - chars(pyLstrip(text)).length;
      return { problems: [problem("cvc.invalid_characters", { position: offset + bad + 1, kind: badKind(code[bad]) })] };
    }
    const problems = [];
    if (!code.every((ch) => ch >= "0" && ch <= "9")) problems.push(problem("cvc.unicode_digits"));
    const length = code.length;
    if (sizes.includes(length)) return { problems };
    const last = chars(text).slice(-1)[0];
    if (partial && length < Math.max(...sizes) && last !== undefined && isDigit(last)) {
      problems.push(problem("cvc.incomplete"));
    } else if (!spec) {
      problems.push(problem("cvc.length_for_brand", { brand: null, code_name: "CVC", size: rules.cvc.sizes, length }));
    } else {
      const sc = spec.security_code;
      problems.push(problem("cvc.length_for_brand", { brand: spec.display_name, code_name: sc.name, size: sc.size, length }));
    }
    return { problems };
  }

  // ------------------------------------------------------------ expiry

  const ex = rules.expiry;
  const expiryPattern = fullmatch(ex.pattern);
  const typedPattern = fullmatch(ex.typed);
  const FORMAT = { code: "expiry.format", params: {} };
  const AMBIGUOUS = { code: "expiry.ambiguous", params: {} };
  const MISSING = { code: "expiry.missing", params: {} };
  const monthRange = (month) => ({ code: "expiry.month_range", params: { month } });
  const isError = (p) => p.severity === "error";

  function expandYear(yy, ref) {
    const year = ref - (ref % 100) + yy;
    if (year - ref > ex.two_digit_window.future) return year - 100;
    if (ref - year > ex.two_digit_window.past) return year + 100;
    return year;
  }
  const yearOf = (digits, ref) => (digits.length === 2 ? expandYear(Number(digits), ref) : Number(digits));
  const withMonth = (month, year) => (month >= 1 && month <= 12 ? { year, month } : monthRange(month));

  // The complete reader (expiry.py's `_read_text`): {year, month} or {code, params}.
  function readDigitsOnly(a, ref) {
    const n = a.length;
    if (n <= 2) return a === "00" ? monthRange(0) : FORMAT;
    if (n === 4) return withMonth(Number(a.slice(0, 2)), yearOf(a.slice(2), ref));
    if (n === 6) return withMonth(Number(a.slice(0, 2)), Number(a.slice(2)));
    if (n !== 3 && n !== 5) return FORMAT;
    if (a[0] === "0") return Number(a.slice(0, 2)) === 0 ? monthRange(0) : FORMAT;
    if (a[0] === "1" && "012".includes(a[1])) return AMBIGUOUS;
    return { year: n === 5 ? Number(a.slice(1)) : yearOf(a.slice(1), ref), month: Number(a[0]) };
  }

  function readSeparated(a, b, ref) {
    if (a.length <= 2) {
      const month = Number(a);
      if (!(month >= 1 && month <= 12)) return monthRange(month);
      if (b.length === 2 || b.length === 4) return { year: yearOf(b, ref), month };
      return FORMAT;
    }
    if (a.length === 4 && b.length <= 2) {
      if (b === "0") return monthRange(0);
      return b ? withMonth(Number(b), Number(a)) : FORMAT;
    }
    return FORMAT;
  }

  function readExpiry(value, ref) {
    const n = chars(value).length;
    if (n > ex.max_length) return { code: "expiry.too_long", params: { max: ex.max_length, length: n } };
    const textValue = pyStrip(isAscii(value) ? value : clean.expiry(value));
    if (!textValue) return MISSING;
    const found = expiryPattern.exec(textValue);
    if (!found) return FORMAT;
    const [, a, sep, b] = found;
    return sep === undefined ? readDigitsOnly(a, ref) : readSeparated(a, b, ref);
  }

  // The judge (expiry.py's `_judge`): expired from the 2nd of the month after.
  function judge(year, month, today, maxYears) {
    const ended = today.year * 12 + today.month - (year * 12 + month);
    if (ended > 1 || (ended === 1 && today.day > 1)) return [problem("expiry.expired", { month, year })];
    if (ended === 1) return [problem("expiry.just_expired", { month, year })];
    if (ended === 0) return [problem("expiry.expires_this_month", { month, year })];
    if (year - today.year > maxYears) return [problem("expiry.too_far_ahead", { year, max_years: maxYears })];
    return [];
  }

  function checkComplete(value, today, maxYears) {
    const read = readExpiry(value, today.year);
    if (read.code) return { problems: [problem(read.code, read.params)] };
    const { year, month } = read;
    const expiry = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`;
    return { problems: judge(year, month, today, maxYears), expiry };
  }

  // The accepted spellings for a day and every beginning of them, as
  // expiry.completable() builds them: each date from a year back (the judge
  // accepts last month on the 1st) to `maxYears` ahead that the judge accepts,
  // written in each of the reader's spellings (the exported templates), kept
  // when the reader reads it back as that date.
  const acceptedCache = new Map();
  function acceptedSpellings(today, maxYears) {
    const key = `${today.year}-${today.month}-${today.day}/${maxYears}`;
    let found = acceptedCache.get(key);
    if (found) return found;
    const whole = new Set();
    const pad = (n, width) => String(n).padStart(width, "0");
    for (let year = today.year - 1; year <= today.year + maxYears; year += 1) {
      for (let month = 1; month <= 12; month += 1) {
        if (judge(year, month, today, maxYears).some(isError)) continue;
        const token = { YYYY: pad(year, 4), MM: pad(month, 2), YY: pad(year % 100, 2), M: String(month) };
        for (const template of ex.spellings[String(month)]) {
          const spelled = template.map((t) => (t in token ? token[t] : t)).join("");
          const read = readExpiry(spelled, today.year);
          if (!read.code && read.year === year && read.month === month) whole.add(spelled);
        }
      }
    }
    const prefixes = new Set();
    for (const spelled of whole) for (let k = 0; k <= spelled.length; k += 1) prefixes.add(spelled.slice(0, k));
    found = { whole, prefixes };
    if (acceptedCache.size >= 8) acceptedCache.delete(acceptedCache.keys().next().value);
    acceptedCache.set(key, found);
    return found;
  }

  // expiry.completable(): true when some continuation of the typed text is an accepted expiry.
  function expiryCompletable(value, today, maxYears = ex.max_years) {
    if (chars(value).length > ex.max_length) return false;
    const typed = pyLstrip(isAscii(value) ? value : clean.expiry(value));
    const found = typedPattern.exec(typed);
    if (!found) return false;
    const [, a, blank, sep, blank2, b, tail] = found;
    const { whole, prefixes } = acceptedSpellings(today, maxYears);
    if (!a) return !typed;
    if (!(blank || sep || blank2 || b || tail)) return prefixes.has(a);
    if (!b) return prefixes.has(`${a}/`) || (!sep && whole.has(a));
    if (!(blank || sep || blank2)) return false;
    return (tail ? whole : prefixes).has(`${a}/${b}`);
  }

  // check_expiry(value, today=..., partial=...): today is {year, month, day}.
  // While typing: the complete answer when it has no error, else
  // `expiry.incomplete` exactly when some continuation is accepted.
  function checkExpiry(value, { today, partial = false, maxYears = ex.max_years } = {}) {
    const done = checkComplete(value, today, maxYears);
    if (!partial || !done.problems.some(isError)) return done;
    if (done.problems.some((p) => p.code === "expiry.missing")) {
      return { problems: [problem("expiry.missing", {}, "notice")] };
    }
    if (expiryCompletable(value, today, maxYears)) return { problems: [problem("expiry.incomplete")] };
    return done;
  }

  // ------------------------------------------------------------ postal code

  const compiled = {};
  function postalFormat(country) {
    const rule = (rules.countries[country] || {}).postal_code;
    if (!rule) return null;
    if (!compiled[country]) {
      compiled[country] = { ...rule, compact: fullmatch(rule.compact, "d"), partial: fullmatch(rule.partial) };
    }
    return compiled[country];
  }

  // Postal-code input as ASCII where unambiguous (address/_text.py's ascii_code).
  const asciiCode = (value) => (isAscii(value) ? value : clean.postal_code(value.normalize("NFKC")));

  function canonical(match, compact, seps) {
    let out = "";
    let last = 0;
    for (const [group, sep] of seps) {
      const at = match.indices.groups[group];
      const position = at ? at[0] : -1;
      if (position > 0 && position < compact.length && position >= last) {
        out += compact.slice(last, position) + sep;
        last = position;
      }
    }
    return out + compact.slice(last);
  }

  function compactOf(value) {
    const compact = asciiCode(value).toUpperCase().replace(/[ -]/g, "");
    return /^[\p{L}\p{N}]+$/u.test(compact) ? compact : chars(compact).filter((ch) => !spaces.has(ch)).join("");
  }

  // PostalFormat.completable(): true while typing more can still make the
  // value a well-formed code, read as the parser reads it (separators dropped,
  // case folded, a printed prefix "SE-" or the implied one "LV-" allowed).
  // `partial` is the exported pattern of every beginning of a compact code.
  function postalCompletable(country, value) {
    const fmt = postalFormat(country);
    if (!fmt) return false;
    const compact = chars(asciiCode(value).toUpperCase().replace(/-/g, "")).filter((ch) => !spaces.has(ch)).join("");
    if (!/^[A-Z0-9]*$/.test(compact)) return false;
    if (fmt.partial.test(compact)) return true;
    for (const prefix of fmt.prefixes) {
      if (prefix.startsWith(compact)) return true;
      if (compact.startsWith(prefix) && fmt.partial.test(compact.slice(prefix.length))) return true;
    }
    return Boolean(fmt.implied) && fmt.partial.test(fmt.implied + compact);
  }

  // The canonical postal code ("111 51", "SW1A 1AA"), or null when malformed.
  function normalizePostal(country, value) {
    const fmt = postalFormat(country);
    if (!fmt || chars(value).length > fmt.max_input) return null;
    let compact = compactOf(value);
    let match = fmt.compact.exec(compact);
    if (!match) {
      for (const prefix of fmt.prefixes) {
        if (compact.startsWith(prefix)) {
          const rest = compact.slice(prefix.length);
          match = fmt.compact.exec(rest);
          if (match) {
            compact = rest;
            break;
          }
        }
      }
      if (!match && fmt.implied && !compact.startsWith(fmt.implied)) {
        compact = fmt.implied + compact;
        match = fmt.compact.exec(compact);
      }
      if (!match) return null;
    }
    return fmt.separators.length ? canonical(match, compact, fmt.separators) : compact;
  }

  // True when the code was read with other punctuation or prefix than it was
  // typed with (spaces and letter case are layout): "we read this as ...".
  function formChanged(value, canonicalCode) {
    const typed = chars(asciiCode(value)).filter((ch) => !spaces.has(ch)).join("").toUpperCase();
    return typed !== canonicalCode.replace(/ /g, "");
  }

  // The postal code's problems for `country`, as check_address gives them
  // (partial: a blank field and a code still being typed are notices). Whether
  // a well-formed code exists is the server's national check (`postal_code.unknown`).
  function checkPostal(country, value, { partial = false } = {}) {
    const fmt = postalFormat(country);
    if (!fmt) return { problems: [], postal_code: null };
    const example = fmt.examples[0] || "";
    if (chars(value).length > fmt.max_input) {
      return { problems: [problem("postal_code.too_long", { max_length: fmt.max_input })], postal_code: null };
    }
    if (!pyStrip(value)) {
      const blank = fmt.required ? [problem("postal_code.missing", { example, country }, partial ? "notice" : null)] : [];
      return { problems: blank, postal_code: null };
    }
    const found = normalizePostal(country, value);
    if (found === null) {
      const typing = partial && postalCompletable(country, value);
      return { problems: [typing ? problem("postal_code.incomplete") : problem("postal_code.format", { example, country })], postal_code: null };
    }
    const problems = formChanged(value, found) ? [problem("postal_code.reformatted", { postal_code: found })] : [];
    return { problems, postal_code: found };
  }

  return {
    rules,
    text,
    kind,
    digitValue,
    clean,
    lookup,
    luhnValid,
    checkNumber,
    formatNumber,
    checkCvc,
    checkExpiry,
    expiryCompletable,
    normalizePostal,
    postalCompletable,
    acceptedRows,
    checkPostal,
    postalFormat,
    sortProblems,
    readDigits,
  };
}
