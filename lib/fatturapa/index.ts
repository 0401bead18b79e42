/**
 * FatturaPA (SdI e-invoice) core: model, code lists, parser, serialiser, builder from friendly
 * JSON, validation in three layers (safe parsing, XSD-equivalent structure, SdI's own rules),
 * SdI notifications, HTML rendering and file names. Plain TypeScript, no n8n import.
 */
export type * from './model';
export * from './codes';
export type { CodeEntry } from './codeEntry';
export { CODE_VALIDITY, codeValidity, isCodeValidOn, type CodeValidity, type DatedCodeList } from './codeValidity';
export { parseFatturaPA, parseFatturaSemplificata, FatturaPAFormatError, type FatturaSemplificata } from './parse';
export { serializeFatturaPA, serializeFatturaSemplificata, FatturaPACharacterError, type SerializeOptions, type CharacterFinding } from './serialize';
export {
	buildFatturaPA,
	buildModel,
	FatturaPABuildError,
	BOLLO_CENTS,
	BOLLO_THRESHOLD_CENTS,
	NATURE_SOGGETTE_A_BOLLO,
	type BuildOptions,
	type BuiltFattura,
	type FatturaInput,
	type LineInput,
	type PartyInput,
	type CedenteInput,
	type CessionarioInput,
	type PaymentInput,
} from './build';
export { validateStructure, validateFatturaPA, type FatturaFinding, type FatturaValidation, type ValidateFatturaOptions } from './validate';
export { runSdiRules, sdiErrors, SDI_RULES, expectedPrezzoTotale, type SdiFinding, type SdiRule, type SdiRuleOptions } from './rules';
export {
	parseNotification,
	parseNotificationFileName,
	notificationFileName,
	statusOf,
	NotificationFormatError,
	NOTIFICATION_ROOTS,
	PA_MESSAGES_NAMESPACE,
	B2B_MESSAGES_NAMESPACE,
	type SdiNotification,
	type SdiError,
	type NotificationType,
	type NotificationStatus,
	type StatusMeaning,
	type NotificationFileName,
	type ParseNotificationOptions,
} from './notifications';
export { renderInvoiceHtml, type RenderOptions } from './render';
export { ORDINARIA, SEMPLIFICATA, type StructureFinding, type ValidateStructureOptions, type SchemaSet } from './structure';
export { fileName, parseFileName, nextProgressivo, type FileNameParts, type FileExtension } from './fileName';
export { toCents, centsToAmount, parseDecimal, type Decimal } from './amounts';
export { characterProblems, fitCharacters, type CharacterSet, type CharacterProblem } from './characters';
/** build = serialise: the name the issue uses for a model -> XML writer */
export { serializeFatturaPA as buildXml } from './serialize';
