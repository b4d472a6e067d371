import { render } from 'preact';
import { t, uiDirection, uiLanguage } from '../../src/i18n';
import { topicList } from '../../src/pack/topic-list';
import { settingsStore, updateSettings } from '../../src/settings';
import { Options } from '../../src/ui/Options';
import '../../src/ui/options.css';
import '../../src/ui/visually-hidden.css';

document.documentElement.lang = uiLanguage();
document.documentElement.dir = uiDirection();
document.title = t('optionsTitle');
const app = document.getElementById('app')!;
const draw = (settings: Awaited<ReturnType<typeof settingsStore.get>>) =>
  render(<Options settings={settings} topics={topicList} update={updateSettings} />, app);
void settingsStore.get().then(draw);
settingsStore.watch(draw);
