// ESLint: the recommended rules of eslint-plugin-vue and typescript-eslint over src/ and e2e/.
import js from '@eslint/js'
import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'components.d.ts', 'src/api/schema.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
    rules: {
      // Layout, not correctness. The templates are written compact (attributes packed to the 120-column line
      // width, short elements on one line) so that components stay under ~150 lines; these rules of the
      // recommended set would put every attribute and every text on a line of its own.
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/first-attribute-linebreak': 'off',
      // Props are declared with TypeScript (`defineProps<{ x?: T }>()`): an optional prop is `undefined` unless
      // given, which the types already say; a default for each would only repeat it.
      'vue/require-default-prop': 'off',
    },
  },
  {
    languageOptions: { globals: { ...globals.browser }, ecmaVersion: 'latest', sourceType: 'module' },
  },
  {
    files: ['e2e/**', '*.config.ts', 'scripts/**'],
    languageOptions: { globals: { ...globals.node } },
  },
)
