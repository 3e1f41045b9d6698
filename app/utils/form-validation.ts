// When conform checks a field in the browser, for every form. A field is first checked when it is
// left, then re-checked as it is typed in: so leaving a corrected field (to tap the submit button)
// never makes a message appear or vanish between pressing the button and releasing it. If it did,
// the button would move away from the pointer and the tap would be lost (seen on checkout).
export const FIELD_VALIDATION = { shouldValidate: "onBlur", shouldRevalidate: "onInput" } as const;
