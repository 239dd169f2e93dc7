/** The public penalty notice board (no sign-in). */
export const NOTICES_PATH = '/public/penalties';
