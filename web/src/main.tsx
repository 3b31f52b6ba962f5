import { render } from 'preact';
import { App } from './App';
import { resumeSession } from './auth';
import { loadConfig } from './appConfig';
import { setupI18n } from './i18n';
import './styles.css';

const [config] = await Promise.all([loadConfig(), setupI18n(), resumeSession()]);
render(<App config={config} />, document.getElementById('app')!);
