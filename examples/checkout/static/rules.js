// cardvalid's as-you-type checks in the browser, driven by the server's exported
// rules (`cardvalid export-rules`, served at /rules.json). Every rule (brand
// table, lengths, separators, expiry spellings, postal patterns, messages) comes
// from that document; this file only holds the reading logic, mirroring
// src/cardvalid/number.py, brands.py, expiry.py and address/postal.py.
// The answers are the server's: codes, params and severity, never the input.
"use strict";

// eslint-disable-next-line no-unused-vars
function makeChecker(rules) {
  const chars = (s) => Array.from(s); // code points, as Python counts them
  const isDecimal = (ch) => /^\p{Nd}$/u.test(ch);
  const zeros = rules.text.decimal_zeros;
  const spaces = new Set(chars(rules.text.spaces));
  const decimalValue = (ch) => {
    const cp = ch.codePointAt(0);
    for (const zero of zeros) if (cp >= zero && cp <= zero + 9) return cp - zero;
    return null;
  };
  const isAscii = (s) => /^[\x00-\x7f]*$/.test(s);
  const pyStrip = (s) => {
    const cs = chars(s);
    let i = 0;
    let j = cs.length;
    while (i < j && spaces.has(cs[i])) i += 1;
    while (j > i && spaces.has(cs[j - 1])) j -= 1;
    return cs.slice(i, j).join("");
  };
  const fullmatch = (source, flags) => new RegExp(`^(?:${source})$`, flags);

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

  const separators = new Set(chars(rules.number.separators));
  const reordering = new Set(chars(rules.number.reordering));
  const categories = ["L", "N", "P", "S", "M", "Z", "C"];
  const kindOf = (ch) => {
    for (const c of categories) if (new RegExp(`^\\p{${c}}$`, "u").test(ch)) return rules.number.kinds[c];
    return rules.number.kinds.C;
  };

  // The ASCII digits of a typed number or code, or why they cannot be read.
  function readDigits(value, cap) {
    const cs = chars(value);
    if (cs.length > cap) return { fail: "too_long" };
    const plain = value.replace(/ /g, "");
    if (plain && /^[0-9]+$/.test(plain)) return { digits: plain, folded: false };
    const kept = cs.filter((ch) => !separators.has(ch));
    if (!kept.length) return { fail: "missing" };
    if (kept.every(isDecimal)) {
      const digits = kept.map((ch) => String(decimalValue(ch))).join("");
      return { digits, folded: !kept.every((ch) => ch >= "0" && ch <= "9") };
    }
    for (let i = 0; i < cs.length; i += 1) {
      const ch = cs[i];
      if (isDecimal(ch) || separators.has(ch)) continue;
      const kind = reordering.has(ch) ? "direction_control" : kindOf(ch);
      return { fail: "invalid_characters", params: { position: i + 1, kind } };
    }
    return { fail: "invalid_characters", params: { position: 0, kind: "control" } };
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

  // check_number(value, partial=...): problems, and the brand (never the digits).
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
    const found = partial ? partialVerdict(read.digits, m) : verdict(read.digits, m);
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

  function checkCvc(value, { brand = null } = {}) {
    const spec = brand ? rowOf[brand] || null : null;
    const problems = [];
    const read = readDigits(value, rules.cvc.max_input);
    if (read.fail) {
      if (read.fail === "too_long") problems.push(problem("cvc.too_long", { max_length: Math.max(...rules.cvc.sizes) }));
      else problems.push(problem(`cvc.${read.fail}`, read.params || {}));
      return { problems };
    }
    if (read.folded) problems.push(problem("cvc.unicode_digits"));
    const length = read.digits.length;
    if (!spec) {
      if (!rules.cvc.sizes.includes(length)) {
        problems.push(problem("cvc.length_for_brand", { brand: null, code_name: "CVC", size: rules.cvc.sizes, length }));
      }
    } else if (length !== spec.security_code.size) {
      const code = spec.security_code;
      problems.push(problem("cvc.length_for_brand", { brand: spec.display_name, code_name: code.name, size: code.size, length }));
    }
    return { problems };
  }

  // ------------------------------------------------------------ expiry

  const ex = rules.expiry;
  const expiryPattern = fullmatch(ex.pattern);
  const INCOMPLETE = { code: "expiry.incomplete", params: {} };
  const FORMAT = { code: "expiry.format", params: {} };
  const AMBIGUOUS = { code: "expiry.ambiguous", params: {} };
  const MISSING = { code: "expiry.missing", params: {} };
  const monthRange = (month) => ({ code: "expiry.month_range", params: { month } });
  const unfinished = (partial, otherwise = FORMAT) => (partial ? INCOMPLETE : otherwise);
  const isFormat = (ch) => /^\p{Cf}$/u.test(ch);

  function expandYear(yy, ref) {
    const year = ref - (ref % 100) + yy;
    if (year - ref > ex.two_digit_window.future) return year - 100;
    if (ref - year > ex.two_digit_window.past) return year + 100;
    return year;
  }
  const yearOf = (digits, ref) => (digits.length === 2 ? expandYear(Number(digits), ref) : Number(digits));
  const withMonth = (month, year, grow = "") => (month >= 1 && month <= 12 ? { year, month, grow } : monthRange(month));

  function fold(value) {
    return chars(value)
      .map((ch) => {
        if (isDecimal(ch)) return String(decimalValue(ch));
        if (spaces.has(ch)) return " ";
        if (isFormat(ch)) return "";
        return ex.separators[ch] || ch;
      })
      .join("");
  }

  function readDigitsOnly(a, partial, ref) {
    const n = a.length;
    if (n <= 2) return a === "00" ? monthRange(0) : unfinished(partial);
    if (n === 4) return withMonth(Number(a.slice(0, 2)), yearOf(a.slice(2), ref), a.slice(2));
    if (n === 6) return withMonth(Number(a.slice(0, 2)), Number(a.slice(2)));
    if (n !== 3 && n !== 5) return FORMAT;
    if (a[0] === "0") {
      const month = Number(a.slice(0, 2));
      return month === 0 ? monthRange(0) : unfinished(partial);
    }
    if (a[0] === "1" && "012".includes(a[1])) return unfinished(partial, AMBIGUOUS);
    return { year: n === 5 ? Number(a.slice(1)) : yearOf(a.slice(1), ref), month: Number(a[0]), grow: "" };
  }

  function readSeparated(a, b, partial, ref) {
    if (a.length <= 2) {
      const month = Number(a);
      if (!(month >= 1 && month <= 12)) return monthRange(month);
      if (b.length === 2) return { year: yearOf(b, ref), month, grow: b };
      if (b.length === 4) return { year: Number(b), month, grow: "" };
      return [0, 1, 3].includes(b.length) ? unfinished(partial) : FORMAT;
    }
    if (a.length === 4 && b.length <= 2) {
      if (!b) return unfinished(partial);
      if (b === "0") return unfinished(partial, monthRange(0));
      return withMonth(Number(b), Number(a));
    }
    return FORMAT;
  }

  function readExpiry(value, partial, ref) {
    const n = chars(value).length;
    if (n > ex.max_length) return { code: "expiry.too_long", params: { max: ex.max_length, length: n } };
    const textValue = pyStrip(isAscii(value) ? value : fold(value));
    if (!textValue) return MISSING;
    const found = expiryPattern.exec(textValue);
    if (!found) return FORMAT;
    const [, a, sep, b] = found;
    return sep === undefined ? readDigitsOnly(a, partial, ref) : readSeparated(a, b, partial, ref);
  }

  function beginsYear(digits, today, maxYears) {
    const scale = [1, 10, 100, 1000][4 - digits.length];
    const first = Number(digits) * scale;
    return first <= today.year + maxYears && first + scale - 1 >= today.year;
  }

  function typingAYear(value, today, maxYears) {
    if (chars(value).length > ex.max_length) return false;
    const t = pyStrip(isAscii(value) ? value : fold(value));
    return t.length > 0 && t.length <= 4 && /^[0-9]+$/.test(t) && beginsYear(t, today, maxYears);
  }

  // check_expiry(value, today=..., partial=...): today is {year, month, day}.
  function checkExpiry(value, { today, partial = false, maxYears = ex.max_years } = {}) {
    const read = readExpiry(value, partial, today.year);
    if (read.code) {
      if (partial && read.code === "expiry.missing") return { problems: [problem(read.code, read.params, "notice")] };
      if (partial && read.code !== "expiry.too_long" && typingAYear(value, today, maxYears)) {
        return { problems: [problem("expiry.incomplete")] };
      }
      return { problems: [problem(read.code, read.params)] };
    }
    const { year, month } = read;
    const ended = today.year * 12 + today.month - (year * 12 + month);
    const tooFar = year - today.year > maxYears;
    if ((ended > 0 || tooFar) && partial && ((read.grow && beginsYear(read.grow, today, maxYears)) || typingAYear(value, today, maxYears))) {
      return { problems: [problem("expiry.incomplete")] };
    }
    const expiry = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`;
    const problems = [];
    if (ended > 1 || (ended === 1 && today.day > 1)) problems.push(problem("expiry.expired", { month, year }));
    else if (ended === 1) problems.push(problem("expiry.just_expired", { month, year }));
    else if (ended === 0) problems.push(problem("expiry.expires_this_month", { month, year }));
    else if (tooFar) problems.push(problem("expiry.too_far_ahead", { year, max_years: maxYears }));
    return { problems, expiry };
  }

  // ------------------------------------------------------------ postal code

  const dashes = new Set(chars(rules.text.postal_dashes));
  const compiled = {};
  function postalFormat(country) {
    const rule = (rules.countries[country] || {}).postal_code;
    if (!rule) return null;
    if (!compiled[country]) {
      compiled[country] = { ...rule, compact: fullmatch(rule.compact, "d"), partial: fullmatch(rule.partial) };
    }
    return compiled[country];
  }

  function asciiCode(value) {
    if (isAscii(value)) return value;
    return chars(value.normalize("NFKC"))
      .map((ch) => (dashes.has(ch) ? "-" : isDecimal(ch) ? String(decimalValue(ch)) : ch))
      .join("");
  }

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

  // True while what was typed may still become a well-formed code: a beginning
  // of one, with or without the country's printed prefix ("SE-1", "S").
  function postalMayBecome(country, value) {
    const fmt = postalFormat(country);
    if (!fmt) return true;
    const compact = compactOf(value);
    if (fmt.partial.test(compact)) return true;
    for (const prefix of fmt.prefixes) {
      if (prefix.startsWith(compact)) return true;
      if (compact.startsWith(prefix) && fmt.partial.test(compact.slice(prefix.length))) return true;
    }
    if (fmt.implied) {
      if (fmt.implied.startsWith(compact)) return true;
      if (!compact.startsWith(fmt.implied) && fmt.partial.test(fmt.implied + compact)) return true;
    }
    return false;
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

  // The postal code's format for `country`: a problem when it is blank and
  // required, or malformed. (Whether a well-formed code exists is the
  // server's national check: `postal_code.unknown`.)
  function checkPostal(country, value, { partial = false } = {}) {
    const fmt = postalFormat(country);
    if (!fmt) return { problems: [], postal_code: null };
    const example = fmt.examples[0] || "";
    if (!pyStrip(value)) {
      const blank = fmt.required && !partial ? [problem("postal_code.missing", { example, country })] : [];
      return { problems: blank, postal_code: null };
    }
    if (chars(value).length > fmt.max_input) {
      return { problems: [problem("postal_code.too_long", { max_length: fmt.max_input })], postal_code: null };
    }
    const found = normalizePostal(country, value);
    if (found === null) {
      const typing = partial && postalMayBecome(country, value);
      return { problems: typing ? [] : [problem("postal_code.format", { example, country })], postal_code: null };
    }
    return { problems: [], postal_code: found };
  }

  return {
    rules,
    text,
    lookup,
    luhnValid,
    checkNumber,
    formatNumber,
    checkCvc,
    checkExpiry,
    normalizePostal,
    postalMayBecome,
    checkPostal,
    postalFormat,
    sortProblems,
    readDigits,
  };
}
