// The console's frame: a skip link, the navigation, the language switch and the signed-in key; the page
// for the current URL below it. Without a key in this tab's session, the sign-in page.
import { useEffect, useState } from "preact/hooks";
import { gql } from "./api/client";
import { VIEWER } from "./api/queries";
import { canReadDocuments, setViewer, signOut, useSession, type Viewer } from "./session";
import { label, lang, setLang, t, useLang, type Lang } from "./i18n";
import { match, url, useRoute } from "./router";
import { SignIn } from "./pages/SignIn";
import { PortfolioPage } from "./pages/Portfolio";
import { ProcessorsPage } from "./pages/Processors";
import { FindingsPage } from "./pages/Findings";
import { VendorPage } from "./pages/Vendor";
import { ImportsPage } from "./pages/Imports";
import { ImportReviewPage } from "./pages/ImportReview";
import { SchedulePage } from "./pages/Schedule";
import { ErrorNote, Loading, PageTitle } from "./components/ui";

type RegisterPages = typeof import("./pages/RegisterImport");
let registerPages: Promise<RegisterPages> | null = null;

/** The register import pages are loaded when first opened (their own chunk), so the first load stays small. */
function RegisterImport(props: { id: string | null }) {
  const [mod, setMod] = useState<RegisterPages | null>(null);
  const [failed, setFailed] = useState<Error | null>(null);
  useEffect(() => {
    registerPages ??= import("./pages/RegisterImport");
    registerPages.then(setMod, (e: Error) => {
      registerPages = null;
      setFailed(e);
    });
  }, []);
  if (failed) return <ErrorNote error={t("error.network")} />;
  if (!mod) return <Loading />;
  return props.id ? <mod.RegisterImportPage key={props.id} id={props.id} /> : <mod.RegisterImportsPage />;
}

function LanguageSwitch() {
  const current = lang();
  const options: [Lang, string][] = [
    ["da", "Dansk"],
    ["en", "English"],
  ];
  return (
    <div class="lang-switch" role="group" aria-label={t("nav.language")}>
      {options.map(([code, name]) => (
        <button
          type="button"
          key={code}
          lang={code}
          aria-pressed={current === code}
          onClick={() => setLang(code)}
          data-lang={code}
        >
          {name}
        </button>
      ))}
    </div>
  );
}

function Nav(props: { path: string; viewer: Viewer | null }) {
  const items: [string, string][] = [
    ["/", t("nav.portfolio")],
    ["/processors", t("nav.processors")],
    ["/schedule", t("nav.schedule")],
    ...(canReadDocuments(props.viewer)
      ? ([
          ["/imports", t("nav.imports")],
          ["/register-import", t("nav.register")],
        ] as [string, string][])
      : []),
  ];
  const active = (p: string) => (p === "/" ? props.path === "/" : props.path.startsWith(p));
  return (
    <nav aria-label={t("nav.main")}>
      <ul>
        {items.map(([p, name]) => (
          <li key={p}>
            <a href={url(p)} aria-current={active(p) ? "page" : undefined}>
              {name}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function NotFound() {
  return (
    <>
      <PageTitle title={t("notFound.title")} />
      <p>
        <a href={url("/")}>{t("notFound.back")}</a>
      </p>
    </>
  );
}

function CurrentPage(props: { path: string }) {
  const { path } = props;
  if (path === "/") return <PortfolioPage />;
  if (path === "/processors") return <ProcessorsPage />;
  if (path === "/findings") return <FindingsPage />;
  if (path === "/schedule") return <SchedulePage />;
  if (path === "/imports") return <ImportsPage />;
  if (path === "/register-import") return <RegisterImport id={null} />;
  const register = match("/register-import/:id", path);
  if (register) return <RegisterImport key={register.id} id={register.id} />;
  const vendor = match("/processors/:id", path);
  if (vendor) return <VendorPage key={vendor.id} id={vendor.id} />;
  const review = match("/imports/:id", path);
  if (review) return <ImportReviewPage key={review.id} id={review.id} />;
  return <NotFound />;
}

export function App() {
  useLang();
  const session = useSession();
  const route = useRoute();

  // A key kept from earlier in this tab: ask who it is (and sign out if it no longer works).
  useEffect(() => {
    if (!session.key || session.viewer) return;
    gql<{ viewer: Viewer }>(VIEWER).then(
      (d) => setViewer(d.viewer),
      () => undefined,
    );
  }, [session.key, session.viewer]);

  return (
    <>
      <a class="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <header class="app-header">
        <a class="brand" href={url("/")}>
          tilsyn
        </a>
        {session.key && <Nav path={route.path} viewer={session.viewer} />}
        <div class="header-end">
          <LanguageSwitch />
          {session.key && (
            <div class="who">
              {session.viewer && (
                <span class="who-name" data-role={session.viewer.role}>
                  {session.viewer.organization.name} · {label("role", session.viewer.role)}
                </span>
              )}
              <button type="button" class="link-button" onClick={() => signOut()}>
                {t("nav.signOut")}
              </button>
            </div>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {session.key ? <CurrentPage path={route.path} /> : <SignIn />}
      </main>
    </>
  );
}
