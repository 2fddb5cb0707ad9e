/**
 * Facts about Windows Security / System event codes that the Windows add-on keeps in lookup
 * tables: the event's name (signature), its CIM action, and for account/audit changes the
 * change type and object category. Written from Microsoft's event descriptions.
 */

import type { FieldValue } from '../../common/event.js';
import type { Cond, Expr } from '../transforms.js';
import type { Eventtype } from './spec.js';

/** `EventCode=<code>`, or `EventCode IN (<codes>)`. */
export const eventCode = (...codes: number[]): Cond => (codes.length === 1 ? { field: 'EventCode', eq: codes[0] } : { field: 'EventCode', in: codes });

/** A Security event type: `eventtype=wineventlog_security` with these codes (and `extra`), and its tags. */
export function securityEventtype(name: string, codes: number[], tags: string[], extra?: Cond): Eventtype {
  return { name, search: { all: [{ field: 'eventtype', eq: 'wineventlog_security' }, eventCode(...codes), ...(extra ? [extra] : [])] }, tags };
}

/** EventCode → signature (the event's description). */
export const SIGNATURES: Record<string, FieldValue> = {
  '1100': 'The event logging service has shut down',
  '1102': 'The audit log was cleared',
  '1104': 'The security log is now full',
  '4616': 'The system time was changed',
  '4624': 'An account was successfully logged on',
  '4625': 'An account failed to log on',
  '4627': 'Group membership information',
  '4634': 'An account was logged off',
  '4647': 'User initiated logoff',
  '4648': 'A logon was attempted using explicit credentials',
  '4656': 'A handle to an object was requested',
  '4657': 'A registry value was modified',
  '4661': 'A handle to an object was requested',
  '4662': 'An operation was performed on an object',
  '4663': 'An attempt was made to access an object',
  '4670': 'Permissions on an object were changed',
  '4672': 'Special privileges assigned to new logon',
  '4673': 'A privileged service was called',
  '4688': 'A new process has been created',
  '4689': 'A process has exited',
  '4697': 'A service was installed in the system',
  '4698': 'A scheduled task was created',
  '4699': 'A scheduled task was deleted',
  '4700': 'A scheduled task was enabled',
  '4701': 'A scheduled task was disabled',
  '4702': 'A scheduled task was updated',
  '4703': 'A user right was adjusted',
  '4719': 'System audit policy was changed',
  '4720': 'A user account was created',
  '4722': 'A user account was enabled',
  '4723': "An attempt was made to change an account's password",
  '4724': "An attempt was made to reset an account's password",
  '4725': 'A user account was disabled',
  '4726': 'A user account was deleted',
  '4727': 'A security-enabled global group was created',
  '4728': 'A member was added to a security-enabled global group',
  '4729': 'A member was removed from a security-enabled global group',
  '4731': 'A security-enabled local group was created',
  '4732': 'A member was added to a security-enabled local group',
  '4733': 'A member was removed from a security-enabled local group',
  '4735': 'A security-enabled local group was changed',
  '4737': 'A security-enabled global group was changed',
  '4738': 'A user account was changed',
  '4739': 'Domain Policy was changed',
  '4740': 'A user account was locked out',
  '4741': 'A computer account was created',
  '4742': 'A computer account was changed',
  '4743': 'A computer account was deleted',
  '4754': 'A security-enabled universal group was created',
  '4756': 'A member was added to a security-enabled universal group',
  '4767': 'A user account was unlocked',
  '4768': 'A Kerberos authentication ticket (TGT) was requested',
  '4769': 'A Kerberos service ticket was requested',
  '4770': 'A Kerberos service ticket was renewed',
  '4771': 'Kerberos pre-authentication failed',
  '4776': 'The domain controller attempted to validate the credentials for an account',
  '4778': 'A session was reconnected to a Window Station',
  '4779': 'A session was disconnected from a Window Station',
  '4781': 'The name of an account was changed',
  '4794': 'An attempt was made to set the Directory Services Restore Mode administrator password',
  '4798': "A user's local group membership was enumerated",
  '4799': 'A security-enabled local group membership was enumerated',
  '4876': 'Certificate Services backup started',
  '4886': 'Certificate Services received a certificate request',
  '4887': 'Certificate Services approved a certificate request and issued a certificate',
  '5136': 'A directory service object was modified',
  '5137': 'A directory service object was created',
  '5140': 'A network share object was accessed',
  '5141': 'A directory service object was deleted',
  '5145': 'A network share object was checked to see whether client can be granted desired access',
  '5156': 'The Windows Filtering Platform has permitted a connection',
  '5157': 'The Windows Filtering Platform has blocked a connection',
  '7036': 'The service entered a new state',
  '7040': 'The start type of a service was changed',
  '7045': 'A service was installed in the system',
};

/**
 * EventCode → CIM action for events whose outcome the code itself states. Kerberos and NTLM
 * validation events (4768, 4769, 4776) depend on Status: see `STATUS_ACTION_CODES`.
 */
export const ACTIONS: Record<string, FieldValue> = {
  '1102': 'deleted',
  '4624': 'success',
  '4625': 'failure',
  '4634': 'success',
  '4647': 'success',
  '4648': 'success',
  '4672': 'success',
  '4697': 'created',
  '4698': 'created',
  '4699': 'deleted',
  '4700': 'modified',
  '4701': 'modified',
  '4702': 'modified',
  '4719': 'modified',
  '4720': 'created',
  '4722': 'modified',
  '4723': 'modified',
  '4724': 'modified',
  '4725': 'modified',
  '4726': 'deleted',
  '4727': 'created',
  '4728': 'modified',
  '4729': 'modified',
  '4731': 'created',
  '4732': 'modified',
  '4733': 'modified',
  '4735': 'modified',
  '4737': 'modified',
  '4738': 'modified',
  '4740': 'modified',
  '4741': 'created',
  '4742': 'modified',
  '4743': 'deleted',
  '4754': 'created',
  '4756': 'modified',
  '4767': 'modified',
  '4771': 'failure',
  '4781': 'modified',
  '5136': 'modified',
  '5137': 'created',
  '5141': 'deleted',
  '5156': 'allowed',
  '5157': 'blocked',
};

/** Event codes whose action is success when Status is 0x0 and failure otherwise. */
export const STATUS_ACTION_CODES = ['4768', '4769', '4776'];

/** EventCode → object_category for account and audit changes (Change data model). */
export const OBJECT_CATEGORIES: Record<string, FieldValue> = {
  '1102': 'audit',
  '4719': 'audit',
  '4720': 'user',
  '4722': 'user',
  '4723': 'user',
  '4724': 'user',
  '4725': 'user',
  '4726': 'user',
  '4738': 'user',
  '4740': 'user',
  '4767': 'user',
  '4781': 'user',
  '4727': 'group',
  '4728': 'group',
  '4729': 'group',
  '4731': 'group',
  '4732': 'group',
  '4733': 'group',
  '4735': 'group',
  '4737': 'group',
  '4754': 'group',
  '4756': 'group',
  '4741': 'computer',
  '4742': 'computer',
  '4743': 'computer',
  '4698': 'scheduled_task',
  '4699': 'scheduled_task',
  '4702': 'scheduled_task',
};

/** EventCode → change_type. */
export const CHANGE_TYPES: Record<string, FieldValue> = {
  '1102': 'audit',
  '4719': 'audit',
  '4720': 'AAA',
  '4722': 'AAA',
  '4723': 'AAA',
  '4724': 'AAA',
  '4725': 'AAA',
  '4726': 'AAA',
  '4727': 'AAA',
  '4728': 'AAA',
  '4729': 'AAA',
  '4731': 'AAA',
  '4732': 'AAA',
  '4733': 'AAA',
  '4735': 'AAA',
  '4737': 'AAA',
  '4738': 'AAA',
  '4740': 'AAA',
  '4741': 'AAA',
  '4742': 'AAA',
  '4743': 'AAA',
  '4754': 'AAA',
  '4756': 'AAA',
  '4767': 'AAA',
  '4781': 'AAA',
};

/** Logon types whose logons the add-on calls local (everything else remote). */
export const LOCAL_LOGON_TYPES = ['2', '7', '11'];

/** Event codes of the "Account Management" audit category (user, group and computer accounts). */
export const ACCOUNT_MANAGEMENT_CODES = [
  '4720',
  '4722',
  '4723',
  '4724',
  '4725',
  '4726',
  '4727',
  '4728',
  '4729',
  '4730',
  '4731',
  '4732',
  '4733',
  '4734',
  '4735',
  '4737',
  '4738',
  '4740',
  '4741',
  '4742',
  '4743',
  '4754',
  '4755',
  '4756',
  '4757',
  '4758',
  '4764',
  '4765',
  '4766',
  '4767',
  '4780',
  '4781',
  '4794',
  '4798',
  '4799',
];

/**
 * The add-on's EventCode lookups of a Security event (windows_signature_lookup and the audit
 * change tables): its name, change type, object category and category string.
 */
export const SECURITY_CODE_LOOKUPS: Record<string, Expr> = {
  change_type: { map: { field: 'EventCode' }, table: CHANGE_TYPES },
  object_category: { map: { field: 'EventCode' }, table: OBJECT_CATEGORIES },
  signature: { map: { field: 'EventCode' }, table: SIGNATURES },
  name: { map: { field: 'EventCode' }, table: SIGNATURES },
  subject: { map: { field: 'EventCode' }, table: SIGNATURES },
  ta_windows_security_CategoryString: { if: { field: 'EventCode', in: ACCOUNT_MANAGEMENT_CODES }, then: { const: 'Account Management' } },
};
