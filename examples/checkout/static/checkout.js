// The checkout page: as-you-type checks from the server's exported rules
// (rules.js), and on submit the server's whole answer, each reason next to its
// field and grouped in the checklist's order. The card number is never written
// anywhere in the page but its own input: notes show reasons and the brand only.
/* global makeChecker */
"use strict";

const UI = {
  en: {
    title: "Pay by card", card: "Card", number: "Card number", expiry: "Expiry date (MM/YY)",
    name: "Name on card", address: "Billing address", country: "Country", line1: "Street address",
    line2: "Apartment, suite (optional)", postal_code: "Postal code", city: "City",
    state: "State / province", pay: "Pay", ok: "Your card details look right.",
    problems: "Please check these details:", or: "or", accepted: "We take:",
  },
  sv: {
    title: "Betala med kort", card: "Kort", number: "Kortnummer", expiry: "Utgångsdatum (MM/ÅÅ)",
    name: "Namn på kortet", address: "Faktureringsadress", country: "Land", line1: "Gatuadress",
    line2: "Lägenhet, c/o (valfritt)", postal_code: "Postnummer", city: "Ort",
    state: "Delstat / region", pay: "Betala", ok: "Kortuppgifterna ser rätt ut.",
    problems: "Kontrollera de här uppgifterna:", or: "eller", accepted: "Vi tar emot:",
  },
};

// The checklist items' names, as the support article words them (DESIGN.md).
const CHECKLIST = {
  en: {
    card_number: "Card number", expiry_date: "Expiry date", cardholder_name: "Name on the card",
    address: "Address", city: "City", state: "State", postal_code: "Postal code",
    card_activation: "The card may need to be activated", online_transactions: "Online transactions",
    international_transactions: "International transactions",
    recurring_transactions: "Recurring transactions", security_code: "Security code",
  },
  sv: {
    card_number: "Kortnummer", expiry_date: "Utgångsdatum", cardholder_name: "Namn på kreditkortet",
    address: "Adress", city: "Stad", state: "Delstat", postal_code: "Postnummer",
    card_activation: "Kortet kan behöva aktiveras", online_transactions: "Onlinetransaktioner",
    international_transactions: "Internationella transaktioner",
    recurring_transactions: "Återkommande transaktioner", security_code: "Säkerhetskod (CVC)",
  },
};

// A problem's field -> the input it is shown next to.
const FIELD_INPUT = {
  number: "number", expiry: "expiry", name: "name", cvc: "cvc", line1: "line1", line2: "line2",
  city: "city", state: "state", postal_code: "postal_code", country: "country", address: "line1",
};
const FIELDS = ["number", "expiry", "name", "cvc", "line1", "line2", "city", "state", "postal_code", "country"];

const $ = (id) => document.getElementById(id);
const page = { checker: null, locale: "en", answer: null, shown: {} };

// `?today=YYYY-MM-DD` pins the date as you type (demos, tests; the server's is its own
// CHECKOUT_TODAY); otherwise today's UTC date, as the server's.
function today() {
  const pinned = new URLSearchParams(window.location.search).get("today");
  if (pinned && /^\d{4}-\d{2}-\d{2}$/.test(pinned)) {
    const [year, month, day] = pinned.split("-").map(Number);
    return { year, month, day };
  }
  const d = new Date();
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

// ------------------------------------------------------------------ notes

function note(field, problems, source) {
  const el = $(`${field}-note`);
  el.replaceChildren();
  el.dataset.codes = problems.map((p) => p.code).join(" ");
  el.dataset.source = problems.length ? source : "";
  const worst = problems.some((p) => p.severity === "error") ? "error"
    : problems.some((p) => p.severity === "warning") ? "warning" : problems.length ? "notice" : "";
  el.className = `note ${worst}`;
  $(field).setAttribute("aria-invalid", worst === "error" ? "true" : "false");
  for (const p of problems) {
    const line = document.createElement("span");
    line.className = `reason ${p.severity}`;
    line.dataset.code = p.code;
    const message = p.message || page.checker.text(p.code, "message", p.params, page.locale);
    const hint = p.hint || page.checker.text(p.code, "hint", p.params, page.locale);
    line.textContent = source === "server" || p.severity === "error" ? `${message} ${hint}` : message;
    el.append(line);
  }
}

function brandNames(card) {
  if (!card) return "";
  const rows = Object.fromEntries(page.checker.rules.brands.rows.map((r) => [r.brand, r.display_name]));
  if (card.brand) return card.brands.map((b) => rows[b]).join(" / ");
  const names = card.brands.map((b) => rows[b]);
  return names.length > 4 ? `${names.slice(0, 4).join(" / ")} …` : names.join(" / ");
}

// ------------------------------------------------------------------ as you type

function numberCard() {
  return page.checker.checkNumber($("number").value, { partial: true }).card;
}

function onNumber() {
  const input = $("number");
  const read = page.checker.readDigits(input.value, page.checker.rules.number.max_input);
  if (read.digits && !read.folded && read.digits.length <= page.checker.rules.number.max_length
      && input.selectionStart === input.value.length) {
    const formatted = page.checker.formatNumber(read.digits);
    if (formatted !== input.value) input.value = formatted; // the brand's gaps, caret stays at the end
  }
  const answer = page.checker.checkNumber(input.value, { partial: true });
  const brand = $("brand");
  brand.textContent = brandNames(answer.card);
  brand.dataset.brand = answer.card && answer.card.brand ? answer.card.brand : "";
  brand.dataset.brands = answer.card ? answer.card.brands.join(" ") : "";
  note("number", input.value ? answer.problems : [], "browser");
  onCvcName(answer.card);
  if ($("cvc").value) onCvc(false);
}

function onCvcName(card) {
  const code = card && card.security_code;
  $("cvc-name").textContent = code ? code.name : "CVC";
  $("cvc").placeholder = code ? "•".repeat(code.size) : "";
}

function onCvc(final) {
  const card = numberCard();
  const value = $("cvc").value;
  const answer = page.checker.checkCvc(value, { brand: card && card.brand, partial: !final });
  note("cvc", value || final ? answer.problems : [], "browser");
}

function onExpiry(final) {
  const value = $("expiry").value;
  const answer = page.checker.checkExpiry(value, { today: today(), partial: !final });
  note("expiry", value || final ? answer.problems : [], "browser");
}

// On leaving the field a code read with other punctuation is shown as read
// ("77777" -> "77-777"), with the notice that says so.
function onPostal(final) {
  const value = $("postal_code").value;
  const answer = page.checker.checkPostal($("country").value, value, { partial: !final });
  note("postal_code", value || final ? answer.problems : [], "browser");
  if (final && answer.postal_code && answer.postal_code !== value) $("postal_code").value = answer.postal_code;
}

// ------------------------------------------------------------------ country

function fillCountries() {
  const select = $("country");
  const chosen = select.value || "SE";
  const countries = page.checker.rules.countries;
  const options = Object.keys(countries)
    .map((code) => [code, countries[code].names[page.locale] || code])
    .sort((a, b) => a[1].localeCompare(b[1], page.locale));
  select.replaceChildren(...options.map(([code, name]) => new Option(name, code, false, code === chosen)));
  onCountry();
}

// The networks the merchant takes, under the number (only when some are left out).
function showAccepted() {
  const el = $("accepted");
  const rows = page.checker.acceptedRows;
  el.hidden = rows.length === page.checker.rules.brands.rows.length;
  el.dataset.brands = rows.map((r) => r.brand).join(" ");
  el.textContent = `${UI[page.locale].accepted} ${rows.map((r) => r.display_name).join(" · ")}`;
}

function onCountry() {
  const country = page.checker.rules.countries[$("country").value];
  for (const field of ["line1", "city", "state", "postal_code"]) {
    const row = document.querySelector(`[data-field="${field}"]`);
    row.hidden = !country.fields.includes(field);
    row.classList.toggle("required", country.required.includes(field));
  }
  const postal = country.postal_code;
  $("postal_code").placeholder = postal && postal.examples.length ? postal.examples[0] : "";
  const states = (country.subdivisions[page.locale] || []).map((s) => new Option(s.name, s.code));
  $("states").replaceChildren(...states);
  if ($("postal_code").value) onPostal(true);
}

// ------------------------------------------------------------------ submit

function formBody() {
  const body = Object.fromEntries(FIELDS.map((f) => [f, $(f).value]));
  body.locale = page.locale;
  return body;
}

async function submit(event) {
  if (event) event.preventDefault();
  const response = await fetch("/api/validate", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(formBody()),
  });
  page.answer = await response.json();
  showAnswer(page.answer);
}

function showAnswer(answer) {
  const byField = {};
  for (const p of answer.problems) {
    const field = FIELD_INPUT[p.field];
    if (field) (byField[field] = byField[field] || []).push(p);
  }
  for (const field of FIELDS) note(field, byField[field] || [], "server");

  const summary = $("summary");
  summary.hidden = false;
  summary.className = answer.ok ? "ok" : "problems";
  summary.dataset.ok = String(answer.ok);
  $("summary-title").textContent = answer.ok ? UI[page.locale].ok : UI[page.locale].problems;
  const groups = [];
  for (const item of page.checker.rules.checklist) { // the article's order
    const problems = answer.problems.filter((p) => p.checklist === item);
    if (!problems.length) continue;
    const section = document.createElement("section");
    section.className = "group";
    section.dataset.checklist = item;
    const title = document.createElement("h3");
    title.textContent = CHECKLIST[page.locale][item];
    const list = document.createElement("ul");
    for (const p of problems) {
      const li = document.createElement("li");
      li.className = `reason ${p.severity}`;
      li.dataset.code = p.code;
      li.textContent = `${p.message} ${p.hint}`;
      list.append(li);
    }
    section.append(title, list);
    groups.push(section);
  }
  $("groups").replaceChildren(...groups);
}

// ------------------------------------------------------------------ language

function setLocale(locale) {
  page.locale = locale;
  document.documentElement.lang = locale;
  for (const el of document.querySelectorAll("[data-ui]")) el.textContent = UI[locale][el.dataset.ui];
  for (const button of document.querySelectorAll("[data-locale]")) {
    button.setAttribute("aria-pressed", String(button.dataset.locale === locale));
  }
  fillCountries();
  showAccepted();
  if (page.answer) {
    submit(); // the server's messages in the new language
  } else {
    if ($("number").value) onNumber();
    if ($("expiry").value) onExpiry(false);
    if ($("cvc").value) onCvc(false);
  }
}

// ------------------------------------------------------------------ for tests and tools

// The page's as-you-type answers for a batch of inputs, in the server's terms
// (codes, params, severity; the brand), for comparing with cardvalid itself.
// An input's `accepted` list checks the number with a checker for those networks.
function answers(inputs) {
  const terms = (r) => r.problems.map((p) => ({ code: p.code, params: p.params, severity: p.severity }));
  const checkers = new Map();
  const checkerFor = (accepted) => {
    if (!accepted) return page.checker;
    const key = accepted.join(",");
    if (!checkers.has(key)) checkers.set(key, makeChecker(page.checker.rules, { acceptedBrands: accepted }));
    return checkers.get(key);
  };
  return inputs.map((input) => {
    const c = checkerFor(input.accepted);
    if (input.kind === "number") {
      const r = c.checkNumber(input.value, { partial: input.partial });
      return { problems: terms(r), brand: r.card ? r.card.brand : null, brands: r.card ? r.card.brands : [] };
    }
    if (input.kind === "expiry") {
      const [year, month, day] = input.today.split("-").map(Number);
      const r = c.checkExpiry(input.value, { today: { year, month, day }, partial: input.partial });
      return { problems: terms(r) };
    }
    if (input.kind === "cvc") {
      return { problems: terms(c.checkCvc(input.value, { brand: input.brand, partial: input.partial })) };
    }
    if (input.kind === "format") return { formatted: c.formatNumber(input.value) };
    if (input.kind === "postal_completable") return { completable: c.postalCompletable(input.country, input.value) };
    if (input.kind === "postal") {
      const r = c.checkPostal(input.country, input.value, { partial: input.partial });
      return { problems: terms(r), postal_code: r.postal_code };
    }
    return { postal_code: c.normalizePostal(input.country, input.value) };
  });
}

async function start() {
  const [rules, settings] = await Promise.all(
    ["/rules.json", "/checkout.json"].map(async (url) => (await fetch(url)).json()),
  );
  page.checker = makeChecker(rules, { acceptedBrands: settings.accepted_brands });
  window.checkout = { checker: page.checker, answers, submit };
  $("number").addEventListener("input", onNumber);
  $("expiry").addEventListener("input", () => onExpiry(false));
  $("expiry").addEventListener("change", () => onExpiry(true));
  $("cvc").addEventListener("input", () => onCvc(false));
  $("cvc").addEventListener("change", () => onCvc(true));
  $("postal_code").addEventListener("input", () => onPostal(false));
  $("postal_code").addEventListener("change", () => onPostal(true));
  $("country").addEventListener("change", onCountry);
  $("checkout").addEventListener("submit", submit);
  for (const button of document.querySelectorAll("[data-locale]")) {
    button.addEventListener("click", () => setLocale(button.dataset.locale));
  }
  setLocale(document.documentElement.lang === "sv" ? "sv" : "en");
  $("pay").disabled = false;
  document.body.dataset.ready = "true";
}

start();
