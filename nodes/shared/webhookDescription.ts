/**
 * Webhook-description fields that n8n can resolve without its expression engine.
 *
 * Why: n8n reads a webhook's path, response mode, code, data and headers from the node's webhook
 * description on every call. A field written as an expression template (`={{$parameter[...]}}`)
 * is evaluated by the expression engine, which in n8n 2.x (N8N_EXPRESSION_ENGINE=vm, the default)
 * runs in a V8 isolate: measured on n8n 2.41.1, about ten such evaluations per call were the
 * largest single cost of a Signed Webhook call. n8n-workflow 2.x exports helpers that pair each
 * template (still what the editor evaluates) with a plain resolver the backend uses instead
 * whenever the node's parameters hold no expression; n8n's own Webhook node declares its fields
 * this way. An n8n too old to export them gets the same templates without resolvers, i.e. the
 * behaviour of before.
 *
 * A field is a parameter path (with an optional fallback for a falsy value, like `||` in the
 * template) or a function of the parameters. A function's source becomes its template, so it must
 * be self-contained: no outer identifier, no import (the expression sandbox could not see them).
 */
import * as n8nWorkflow from "n8n-workflow";
import type { IDataObject } from "n8n-workflow";

export type FieldResolver = (parameters: IDataObject) => unknown;
export type WebhookField =
  | { parameter: string | string[]; fallback?: string | number }
  | FieldResolver;

interface FieldEntry {
  template: string;
  resolve: FieldResolver;
}

/** The n8n-workflow helpers, absent from older n8n releases (then: templates only). */
export interface NativeFieldApi {
  fromParameter(path: string | string[], fallback?: unknown): FieldEntry;
  fromFunction(fn: FieldResolver): FieldEntry;
  webhookDescriptionFields(
    fields: Record<string, FieldEntry>,
  ): Record<string, string>;
}

function nativeFieldApi(): NativeFieldApi | undefined {
  const api = n8nWorkflow as unknown as Partial<NativeFieldApi>;
  return typeof api.fromParameter === "function" &&
    typeof api.fromFunction === "function" &&
    typeof api.webhookDescriptionFields === "function"
    ? (api as NativeFieldApi)
    : undefined;
}

/** The template string of a field when n8n has no native helpers (same expression either way). */
function templateOf(field: WebhookField): string {
  if (typeof field === "function") return `={{(${String(field)})($parameter)}}`;
  const path = Array.isArray(field.parameter)
    ? field.parameter
    : [field.parameter];
  const tail =
    field.fallback === undefined ? "" : ` || ${JSON.stringify(field.fallback)}`;
  return `={{$parameter${path.map((segment) => `["${segment}"]`).join("")}${tail}}}`;
}

/** Spreads into an IWebhookDescription: the templates, plus n8n's native resolvers where it has them. */
/** `api` null: templates only, as on an n8n without the helpers. */
export function webhookDescriptionFields<K extends string>(
  fields: Record<K, WebhookField>,
  api: NativeFieldApi | null = nativeFieldApi() ?? null,
): Record<K, string> {
  const named = Object.entries(fields) as Array<[K, WebhookField]>;
  if (!api)
    return Object.fromEntries(
      named.map(([name, field]) => [name, templateOf(field)]),
    ) as Record<K, string>;
  const entries: Record<string, FieldEntry> = {};
  for (const [name, field] of named) {
    entries[name] =
      typeof field === "function"
        ? api.fromFunction(field)
        : api.fromParameter(field.parameter, field.fallback);
  }
  return api.webhookDescriptionFields(entries) as Record<K, string>;
}
