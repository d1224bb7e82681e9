import { readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type mjml2html from 'mjml';

/**
 * Everything one diner email says, as plain strings: the layout (layout.mjml.hbs for the HTML part,
 * layout.txt.hbs for the text part) decides how it looks. Handlebars escapes every value in the HTML.
 */
export interface EmailModel {
  subject: string;
  /** The line inboxes show after the subject. */
  preview: string;
  heading: string;
  paragraphs: string[];
  /** The diner's order page on the restaurant's storefront; null when the restaurant has no site URL. */
  orderLink: string | null;
  orderNumber: number;
  /** When the order was placed, on the restaurant's clock, with its zone. */
  placedAt: string;
  /** Pickup or delivery: a heading and its lines (when, where). */
  fulfilment: { label: string; lines: string[] } | null;
  items: { quantity: number; name: string; options: string[]; note: string | null; amount: string }[];
  orderNote: string | null;
  /** Subtotal to total; `strong` marks the total. */
  totals: { label: string; value: string; strong: boolean }[];
  /** What the card was charged, refunded or released, each a sentence. */
  payment: string[];
  restaurant: {
    name: string;
    address: string | null;
    phone: string | null;
    /** The phone as a `tel:` target: digits and a leading plus. */
    phoneHref: string | null;
    email: string | null;
  };
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const template = (name: string) => readFileSync(path.join(import.meta.dirname, name), 'utf8');
// strict: a value the model lacks is an error here, not a blank in a diner's inbox.
const mjmlLayout = Handlebars.compile<EmailModel>(template('layout.mjml.hbs'), { strict: true });
const textLayout = Handlebars.compile<EmailModel>(template('layout.txt.hbs'), {
  strict: true,
  noEscape: true,
});

// MJML takes about a second to load (it brings a CSS and HTML toolchain): loaded with the first
// email, not with every process that could send one.
let compiler: Promise<typeof mjml2html> | undefined;

/** Renders the model as a responsive HTML email (MJML) and its plain-text alternative. */
export async function renderEmail(model: EmailModel): Promise<RenderedEmail> {
  compiler ??= import('mjml').then((module) => module.default);
  const { html, errors } = await (await compiler)(mjmlLayout(model), { validationLevel: 'strict' });
  if (errors.length > 0) throw new Error(`email layout is not valid MJML: ${errors[0]?.formattedMessage}`);
  const text = textLayout(model)
    .replaceAll(/\n{3,}/g, '\n\n')
    .trim();
  return { subject: model.subject, html, text: `${text}\n` };
}
