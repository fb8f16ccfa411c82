/**
 * Errors of the custom functions as Excel shows them. Only #VALUE! and #N/A carry a message (shown in the cell's
 * error menu), so every error here is one of those two, always with a Russian message.
 */

/** Bad input: `#VALUE!` with a Russian message. */
export function invalidValue(message: string): CustomFunctions.Error {
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, message);
}

/** Missing data (blank cell, unknown school): `#N/A` with a Russian message. */
export function notAvailable(message: string): CustomFunctions.Error {
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, message);
}

export function isCustomFunctionsError(e: unknown): e is CustomFunctions.Error {
  return typeof CustomFunctions !== "undefined" && e instanceof CustomFunctions.Error;
}

/**
 * Runs a function body so that nothing escapes unhandled: CustomFunctions.Error passes through, anything else
 * becomes `#VALUE!` with a Russian message (an unexpected error must not leave Excel with a bare #VALUE!).
 */
export function guard<T>(body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (isCustomFunctionsError(e)) throw e;
    const detail = e instanceof Error ? e.message : String(e);
    throw invalidValue(`Внутренняя ошибка надстройки ШНОР: ${detail}`);
  }
}
