/** Which environment variables hold secrets, judged by their names. */

/** Name parts that mark a secret: `GITHUB_TOKEN`, `WANDB_API_KEY`, `AWS_SECRET_ACCESS_KEY`, `MLREG_SLACK_WEBHOOK_URL` … */
const SECRET_PARTS = new Set(['TOKEN', 'KEY', 'APIKEY', 'SECRET', 'PASSWORD', 'PASSWD', 'PASS', 'CREDENTIAL', 'CREDENTIALS', 'AUTH', 'AUTHORIZATION', 'WEBHOOK', 'PRIVATE']);
/** Words that mark a secret anywhere in a name, joined to others or not: `PGPASSWORD`, `NPM_AUTHTOKEN`. */
const SECRET_WORDS = /PASSWORD|PASSWD|SECRET|TOKEN|WEBHOOK|APIKEY/i;

/** True when a variable's name says it holds a secret (the name alone, whatever its value). */
export function isSecretName(name: string): boolean {
  if (SECRET_WORDS.test(name)) return true;
  return name
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .some((part) => SECRET_PARTS.has(part));
}
