import { render } from "preact";
import "./styles.css";
import { App } from "./app";
import { interceptLinks } from "./router";
import { lang } from "./i18n";

document.documentElement.lang = lang();
interceptLinks();
render(<App />, document.getElementById("app")!);
