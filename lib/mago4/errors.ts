/**
 * MagicLink's integer return codes. LoginCompact answers 0 when it worked, else one of these.
 * The names are Microarea's own (enum LoginReturnCodes in the TaskBuilder framework source,
 * namespace TaskBuilderNetCore.Interfaces, read through the public code index; the specs folder
 * has no code table). The words are our reading of each name. Codes 5, 28 and 52 have no name
 * there: they are reported as undocumented.
 */
export const LOGIN_RETURN_CODES: Readonly<Record<number, { name: string; words: string }>> = {
	0: { name: 'NoError', words: 'no error' },
	1: { name: 'SysDBConnectionFailure', words: 'the server cannot connect to the Mago system database' },
	2: { name: 'PathFinderInitializationFailure', words: 'the server could not initialise its installation paths (PathFinder)' },
	3: { name: 'ActivationManagerInitializationFailure', words: 'the server could not initialise licence activation' },
	4: { name: 'NoLicenseError', words: 'no licence is available' },
	6: { name: 'ArticlesTableReadingFailure', words: 'the server could not read the licensed modules (articles) table' },
	7: { name: 'ActivationFilesReadingFailure', words: 'the server could not read the activation files' },
	8: { name: 'AlreadyLoggedOnDifferentCompanyError', words: 'the user is already logged on to a different company' },
	9: { name: 'UserAlreadyLoggedError', words: 'the user is already logged on (log on with overWriteLogin, or log off the other session)' },
	10: { name: 'NoCalAvailableError', words: 'no client access licence (CAL) is free: every login takes one until LogOff' },
	11: { name: 'UserAssignmentToArticleFailure', words: 'the user could not be assigned to a licensed module' },
	12: { name: 'ProcessNotAuthenticatedError', words: 'the calling process is not authenticated: check the producer key (askingProcess)' },
	13: { name: 'InvalidUserError', words: 'wrong user name or password' },
	14: { name: 'InvalidProcessError', words: 'the calling process (producer key) is not valid' },
	15: { name: 'CannotChangePasswordError', words: 'the password cannot be changed' },
	16: { name: 'PasswordExpiredError', words: 'the password has expired' },
	17: { name: 'PasswordTooShortError', words: 'the password is too short' },
	18: { name: 'LockedDatabaseError', words: 'the company database is locked' },
	19: { name: 'UserMustChangePasswordError', words: 'the user must change the password before logging on' },
	20: { name: 'GenericLoginFailure', words: 'login failed (no reason given)' },
	21: { name: 'InvalidCompanyError', words: 'the company name is not valid' },
	22: { name: 'ProviderError', words: 'database provider error' },
	23: { name: 'ConnectionParamsError', words: 'the database connection parameters are wrong' },
	24: { name: 'LoginManagerWrapperUninitializedError', words: 'the login manager is not initialised' },
	25: { name: 'LoginManagerNotLoggedError', words: 'the login manager is not logged on' },
	26: { name: 'Initializing', words: 'the login manager is still starting up: try again shortly' },
	27: { name: 'NotInitializing', words: 'the login manager is not starting up' },
	29: { name: 'CompanyDatabaseNotPresent', words: 'the company database does not exist' },
	30: { name: 'CompanyDatabaseTablesNotPresent', words: 'the company database has no tables' },
	31: { name: 'InvalidDatabaseForActivation', words: 'the database is not valid for this activation' },
	32: { name: 'WebApplicationAccessDenied', words: 'web application access is denied to this user' },
	33: { name: 'GDIApplicationAccessDenied', words: 'desktop application access is denied to this user' },
	34: { name: 'NoWebLicenseError', words: 'no web licence is available' },
	35: { name: 'LoginLocked', words: 'the login is locked (too many wrong passwords?)' },
	36: { name: 'PasswordAlreadyChangedToday', words: 'the password was already changed today' },
	37: { name: 'AuthenticationTypeError', words: 'wrong authentication type for this user' },
	38: { name: 'InvalidDatabaseError', words: 'the database is not valid' },
	39: { name: 'UnregisteredProduct', words: 'the product is not registered' },
	40: { name: 'NoAdmittedCompany', words: 'the user is admitted to no company' },
	41: { name: 'NoOfficeLicenseError', words: 'no Office licence is available' },
	42: { name: 'WebUserAlreadyLoggedError', words: 'the web user is already logged on' },
	43: { name: 'TooManyAssignedCAL', words: 'too many client access licences (CAL) are assigned' },
	44: { name: 'BusyResourcesError', words: 'the server resources are busy: try again later' },
	45: { name: 'CalManagementError', words: 'error managing client access licences (CAL)' },
	46: { name: 'MissingConnectionString', words: 'the database connection string is missing' },
	47: { name: 'NoDatabase', words: 'there is no database' },
	48: { name: 'NoTables', words: 'the database has no tables' },
	49: { name: 'NoActivatedDatabase', words: 'the database is not activated' },
	50: { name: 'InvalidModule', words: 'the module is not valid' },
	51: { name: 'Error', words: 'error (no reason given)' },
	53: { name: 'DBSizeError', words: 'the database has reached its size limit' },
	54: { name: 'SsoTokenEmpty', words: 'the single sign-on token is empty' },
	55: { name: 'InvalidSSOToken', words: 'the single sign-on token is not valid' },
	56: { name: 'UserNotAllowed', words: 'the user is not allowed' },
	57: { name: 'MoreThanOneSSOToken', words: 'more than one single sign-on token' },
	58: { name: 'ImagoUserAlreadyAssociated', words: 'the Imago user is already associated' },
	59: { name: 'SsoTokenError', words: 'single sign-on token error' },
	60: { name: 'SSOIDNotAssociated', words: 'the single sign-on id is not associated with a user' },
	61: { name: 'ImagoCompanyNotCorresponding', words: 'the Imago company does not correspond' },
};

/** The code in words, or a sentence saying the code is not documented. */
export function explainMagoCode(code: number): string {
	const known = LOGIN_RETURN_CODES[code];
	return known ? `${known.words} (${known.name})` : 'undocumented MagicLink code (not in the vendor\'s LoginReturnCodes list)';
}

/** What Mago4 said no to, in words: "Mago4 error 13: wrong user name or password (InvalidUserError)". */
export class MagoError extends Error {
	readonly operation: string;
	/** the MagicLink return code; undefined when the refusal has no code (SetData answering false) */
	readonly code?: number;

	constructor(operation: string, code: number | undefined, message?: string) {
		super(code === undefined ? `Mago4 ${operation} failed: ${message ?? 'no reason given'}` : `Mago4 error ${code}: ${explainMagoCode(code)} (in ${operation})${message ? `: ${message}` : ''}`);
		this.name = 'MagoError';
		this.operation = operation;
		this.code = code;
	}
}

/** A document or profile that cannot be mapped (wrong shape, unknown field). */
export class MagoDocumentError extends Error {
	readonly field?: string;

	constructor(message: string, field?: string) {
		super(field ? `${field}: ${message}` : message);
		this.name = 'MagoDocumentError';
		this.field = field;
	}
}
