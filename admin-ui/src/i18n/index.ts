import { mergeTranslations, type TranslationMessages } from 'react-admin';
import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import chineseMessages from 'ra-language-chinese';
import { auditMessages } from '../audit/messages';
import { penaltiesMessages } from '../penalties/messages';
import { policiesMessages } from '../policies/messages';
import { teamMessages } from '../team/messages';
import { payoutAccountMessages } from '../payout-account/messages';
import { rewardsMessages } from '../rewards/messages';
import { en } from './en';
import { errorMessages } from './errors';
import { raChineseGaps } from './raChineseGaps';
import { zhCN } from './zh-CN';
import { own } from '../../../rules/own';

const LOCALES = [
  { locale: 'zh-CN', name: '简体中文' },
  { locale: 'en', name: 'English' },
];

const messages: Record<string, TranslationMessages> = {
  // English first, so a key that ra-language-chinese and our gap list both miss still shows something.
  'zh-CN': mergeTranslations(
    englishMessages,
    chineseMessages,
    raChineseGaps,
    zhCN,
    errorMessages.zhCN,
    auditMessages.zhCN,
    policiesMessages.zhCN,
    penaltiesMessages.zhCN,
    teamMessages.zhCN,
    payoutAccountMessages.zhCN,
    rewardsMessages.zhCN,
  ),
  en: mergeTranslations(englishMessages, en, errorMessages.en, auditMessages.en, policiesMessages.en, penaltiesMessages.en, teamMessages.en, payoutAccountMessages.en, rewardsMessages.en),
};

/** zh-CN by default; English when chosen in the locale menu (remembered by react-admin's store). */
export const i18nProvider = polyglotI18nProvider((locale) => own(messages, locale) ?? messages['zh-CN'], 'zh-CN', LOCALES);
