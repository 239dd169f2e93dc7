// ra-language-chinese ships no types.
declare module 'ra-language-chinese' {
  const messages: Record<string, unknown>;
  export default messages;
}
