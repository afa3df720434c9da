// Landed migrations are frozen: what they do can never change, so they depend on nothing that can
// (only TypeORM and the versioned helper tenancy.v1.ts), and their text is what landed.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const DIR = path.join(__dirname, "../../migrations");

/**
 * SHA-256 of each landed migration and frozen helper. A new migration is added here when it lands; a
 * change to a listed file fails this test: write a new migration instead.
 */
const LANDED: Record<string, string> = {
  "1795395326849-Initial.ts": "3514699e48603354bb68ee65315319d7198875c34be989cd69f5d592cc78d2fb",
  "1795395326850-RowLevelSecurity.ts": "38d7434a4fd5028b581b24c82d021e5b803b3d176b84bd87b756662da956f507",
  "1795397291052-SubprocessorChains.ts": "0bb9a57480cbb282578dfee880b72bfc166f1045ceee4d7ecbc640ebf8416aef",
  "1795397291053-EngagementHistory.ts": "c209e2d1895d02c077c3d21824900c5a8161ad6d69cc26e87446c70a74ed20e2",
  "1795398027072-Supervision.ts": "e98dcdaf7e459ed04ff7ebef02ed94f2cefb06bcef97a20e46ae2701fafd2750",
  "1795398027073-SupervisionTenancy.ts": "32636561de49078a3f1dd9743bd28e264245c3c0b55d27f6c7a8fa7f5ee6ca2b",
  "1795398935610-AuditLog.ts": "15c372458de4f46408f3c74a16253a3610902060434ba393b9c0281f95f30d0a",
  "1795400617057-Risk.ts": "15bcc84c24507e50eb9246799bd4d7de0d8898a69c3d56cc66ccb1c0a19c5541",
  "1795400617058-RiskFreshness.ts": "5be0f89298dcc1cc63d0d7c3bb26722d7e8dea518899482d5dd70e97651c7233",
  "1795401723555-ProcessingActivities.ts": "b30b46f6a27bc00726e0df5b6f3315ecce57a144160704efea6424a32629f4fd",
  "1795401723556-ProcessingActivitiesTenancy.ts": "de5fe07e1b40770c3e0f22745f8c76748079cf7c6d47a532f23c4c7b0377b166",
  "1795401723557-RiskCompression.ts": "a2c34f4eda127b2e938560cbf2058f541f4390dddd2f5a93adb82963d24f52ac",
  "1795407342170-CurrentRiskAssessment.ts": "18d39c6399367da59866850eee1942f9d14ce32e3a67a0a989f59d69441cc745",
  "1795407601279-AgreementImports.ts": "49e7830ba6db3097671d4118cd1983cb6289087c01940fe7c5f04251fedc8a85",
  "1795407601280-AgreementImportsTenancy.ts": "5c7aefe059795c8bc8a733a64efd61737127d308e6340b49917400194c0bbb2c",
  "1795500000000-AppLogin.ts": "3039985e15e0a2b00629fa98d063255ec79e7f66b3b12f678d206f93b2e6a62e",
  "1796000021000-AgreementImportText.ts": "5ec7a2add8fbd88da68f2309702487f90779bcacfda3aca710df57c4f422f58f",
  "1796417427468-EventsAndWebhooks.ts": "910e05e077bac5d02b9c2fe7e99f2234ccbd7d0d7b55ce28ff3d2a17df811746",
  "1796417427469-EventsAndWebhooksTenancy.ts": "6a8e37d33d8733bc5932ca9064da9838a2c71cce80a9bd5419671d231ff30036",
  "1797500000000-VendorRegisterFields.ts": "a2636d699f08019584aa053c829dd09fe066c05fbcd9bda652123c0faf44eeca",
  "1797600000100-RegisterImport.ts": "5bbe66e0068ad419e57db86e7723b6e2175e8786e9be7fc58cde41ffcf972853",
  "1797700000000-IncrementalRiskFreshness.ts": "ae757eea5ba3f817474e02a6ecc5c70b7866ebcb532cb421be8a5734ca9de2bb",
  "1797800000000-EngagementTermsFreshness.ts": "362111889504669c260bb39fcb0c043a018d22e0322e5f73704270f6e8f371cf",
  "1797800000100-RiskPropagationColumns.ts": "14e56dd96806b6161438419dc1ffd0e474450eb128f9fb63f188c825512acb2e",
  "1797800000300-WebhookDeliveryDuePerOrganization.ts":
    "67c247cc48e9c3280343dc022e3d97c5326fc3dbf9d2451d738c800165fe880e",
  "1797800000400-RiskMarkProbePerProcessor.ts": "290a2b2a9425f4e18bac4ddc94623530776dd016d9a4263634238d69ef4fb973",
  "tenancy.v1.ts": "322c35743747058725ed779a848623e779f63640b468ac57402eec910211852d",
};

test("landed migrations and their helper are unchanged", () => {
  const changed = Object.entries(LANDED)
    .filter(
      ([file, sha]) =>
        createHash("sha256")
          .update(readFileSync(path.join(DIR, file)))
          .digest("hex") !== sha,
    )
    .map(([file]) => file);
  expect(changed).toEqual([]);
});

test("migrations import only TypeORM and frozen (versioned) helpers", () => {
  const imports = readdirSync(DIR)
    .filter((f) => f.endsWith(".ts") && f !== "index.ts")
    .flatMap((f) =>
      [...readFileSync(path.join(DIR, f), "utf8").matchAll(/from\s+"([^"]+)"/g)].map((m) => ({ file: f, from: m[1] })),
    );
  expect(imports.filter((i) => i.from !== "typeorm" && !/^\.\/[\w-]+\.v\d+$/.test(i.from))).toEqual([]);
});
