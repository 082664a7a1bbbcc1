/**
 * Secrets stay secret: the values of secret-looking environment variables (and the ones a config
 * names, such as its Slack webhook variable) are replaced by `[redacted]` wherever mlreg writes
 * or prints, whatever printed them (a trainer that dumps its environment included), and
 * notification secrets are not passed to trainers at all.
 *
 * The secrets are those of this process: read from its environment once, plus what the configs
 * it runs add (`withholdFromTrainers`, `addSecretValue`). Where mlreg writes, it scrubs:
 * trainer output as it arrives (logs, stderr tails, links), run records, arm descriptions,
 * baselines, run documents (so history, reports and notifications), the terminal.
 */
import { credentialForms, secretForms } from './forms.js';
import { isSecretName } from './names.js';

export { isSecretName } from './names.js';

export const REDACTED = '[redacted]';
/** The variable of Slack's webhook URL when a config names no other (`notify.slack.webhook_env`). */
export const DEFAULT_WEBHOOK_ENV = 'MLREG_SLACK_WEBHOOK_URL';
/** A secret-named variable with a shorter value ("1", "true") is a setting, not a secret. */
const MIN_SECRET_LENGTH = 6;

type Environment = Readonly<Record<string, string | undefined>>;

/** A set of secret values and the text forms they take; scrubs text and data. */
export class SecretSet {
  /** Every form, longest first, so that a whole URL is replaced before its parts. */
  private forms: string[] = [];
  private readonly known = new Set<string>();

  /** Adds a secret value in all its forms (see secretForms). */
  add(value: string | undefined): void {
    if (value && value.length >= MIN_SECRET_LENGTH) this.addForms(secretForms(value));
  }

  /** Adds the secrets of an environment: values of secret-named variables, credentials in URLs. */
  addEnvironment(env: Environment, secretNames: Iterable<string> = []): void {
    const named = new Set(secretNames);
    for (const [name, value] of Object.entries(env)) {
      if (!value) continue;
      if (named.has(name) || isSecretName(name)) this.add(value);
      else this.addForms(credentialForms(value));
    }
  }

  get size(): number {
    return this.forms.length;
  }

  /** `text` with every form of every secret replaced by `[redacted]`. */
  scrub(text: string): string {
    let result = text;
    for (const form of this.forms) if (result.includes(form)) result = result.split(form).join(REDACTED);
    return result;
  }

  /** A copy of `value` whose strings (keys included) are scrubbed; the value itself when there is nothing to scrub. */
  scrubDeep<T>(value: T): T {
    if (this.forms.length === 0) return value;
    return this.scrubValue(value) as T;
  }

  private scrubValue(value: unknown): unknown {
    if (typeof value === 'string') return this.scrub(value);
    if (Array.isArray(value)) return value.map((item) => this.scrubValue(item));
    if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [this.scrub(key), this.scrubValue(item)]));
    }
    return value;
  }

  private addForms(forms: readonly string[]): void {
    let added = false;
    for (const form of forms) {
      if (this.known.has(form)) continue;
      this.known.add(form);
      added = true;
    }
    if (added) this.forms = [...this.known].sort((a, b) => b.length - a.length);
  }
}

let processSecretSet: SecretSet | undefined;
const withheld = new Set<string>([DEFAULT_WEBHOOK_ENV]);

/** The secrets of this process, read from its environment on first use. */
export function processSecrets(): SecretSet {
  if (!processSecretSet) {
    processSecretSet = new SecretSet();
    processSecretSet.addEnvironment(process.env, withheld);
  }
  return processSecretSet;
}

/** `text` without any secret of this process. */
export function scrubSecrets(text: string): string {
  return processSecrets().scrub(text);
}

/** A copy of `value` without any secret of this process in its strings. */
export function scrubSecretsDeep<T>(value: T): T {
  return processSecrets().scrubDeep(value);
}

/** Adds a value (a config's `trainer.env` secret) to this process's secrets. */
function addSecretValue(value: string | undefined): void {
  processSecrets().add(value);
}

/**
 * Marks a variable as a notification secret: its value is scrubbed, and it is left out of every
 * trainer's environment (a trainer has no business with mlreg's webhook).
 */
export function withholdFromTrainers(name: string | undefined): void {
  if (!name) return;
  withheld.add(name);
  processSecrets().add(process.env[name]);
}

/** A copy of `env` without the variables withheld from trainers. */
export function withoutWithheld(env: Environment): Record<string, string | undefined> {
  const copy = { ...env };
  for (const name of withheld) delete copy[name];
  return copy;
}

/** Registers what a resolved config's trainer makes secret: its secret-named `trainer.env` values (its notifiers': src/plugins/notifiers.ts). */
export function protectConfigSecrets(config: { trainer: object }): void {
  const env = (config.trainer as { env?: Record<string, string> }).env;
  if (!env) return;
  for (const [name, value] of Object.entries(env)) if (isSecretName(name)) addSecretValue(value);
}
