package io.tabelogo.spider.scraper;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The area a user typed, turned into Tabelog's path: the map, its traps, and what is left for a URL otherwise. */
class AreaPathsUnitTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            tokyo          | tokyo
            Tokyo          | tokyo
            tōkyō          | tokyo
            Tokyo-to       | tokyo
            osaka          | osaka
            Osaka-fu       | osaka
            chiyoda        | tokyo/A1301
            chuo           | tokyo/A1302
            shibuya        | tokyo/A1303
            shinjuku       | tokyo/A1304
            minato         | tokyo/A1307
            bunkyo         | tokyo/A1310
            taito          | tokyo/A1311
            sumida         | tokyo/A1312
            koto           | tokyo/A1313
            shinagawa      | tokyo/A1314
            meguro         | tokyo/A1316
            ota            | tokyo/A1317
            setagaya       | tokyo/A1318
            nakano         | tokyo/A1319
            suginami       | tokyo/A1320
            toshima        | tokyo/A1321
            kita           | tokyo/A1322
            arakawa        | tokyo/A1323
            itabashi       | tokyo/A1324
            nerima         | tokyo/A1325
            adachi         | tokyo/A1326
            katsushika     | tokyo/A1327
            edogawa        | tokyo/A1328
            hachioji       | tokyo/A1329
            tachikawa      | tokyo/A1330
            musashino      | tokyo/A1331
            mitaka         | tokyo/A1332
            fuchu          | tokyo/A1333
            chofu          | tokyo/A1334
            machida        | tokyo/A1335
            koganei        | tokyo/A1336
            kodaira        | tokyo/A1337
            hino           | tokyo/A1338
            higashimurayama| tokyo/A1339
            kokubunji      | tokyo/A1340
            kunitachi      | tokyo/A1341
            """)
    void everyPrefectureWardAndCityHasItsPath(String area, String path) {
        assertThat(AreaPaths.of(area)).isEqualTo(path);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            roppongi       | tokyo/A1307
            ginza          | tokyo/A1302
            asakusa        | tokyo/A1311
            ueno           | tokyo/A1311
            ikebukuro      | tokyo/A1321
            ebisu          | tokyo/A1303
            harajuku       | tokyo/A1303
            daikanyama     | tokyo/A1303
            akihabara      | tokyo/A1301
            nakameguro     | tokyo/A1316
            jiyugaoka      | tokyo/A1316
            Jiyūgaoka      | tokyo/A1316
            komaba         | tokyo/A1316
            shimokitazawa  | tokyo/A1318
            Shimo-Kitazawa | tokyo/A1318
            kichijoji      | tokyo/A1331
            koenji         | tokyo/A1320
            Higashi-Koenji | tokyo/A1320
            """)
    void neighbourhoodsMapToTheirWard(String area, String path) {
        assertThat(AreaPaths.of(area)).isEqualTo(path);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Shibuya, Tokyo                  | tokyo/A1303
            Tokyo Shinjuku                  | tokyo/A1304
            '  SHIBUYA  '                   | tokyo/A1303
            ＳＨＩＢＵＹＡ                    | tokyo/A1303
            Ginza, Chuo-ku, Tokyo           | tokyo/A1302
            Roppongi, Minato City, Tokyo    | tokyo/A1307
            Ebisu, Shibuya-ku               | tokyo/A1303
            Nakameguro, Meguro              | tokyo/A1316
            Kichijoji, Musashino-shi        | tokyo/A1331
            Nishi-Shinjuku                  | tokyo/A1304
            Minato-ku                       | tokyo/A1307
            minatoku                        | tokyo/A1307
            Ota City                        | tokyo/A1317
            Ota-ku, Tokyo                   | tokyo/A1317
            Koto-ku                         | tokyo/A1313
            Hino-shi                        | tokyo/A1338
            Kita-Shinagawa                  | tokyo/A1314
            Kita-ku, Osaka                  | osaka
            Chuo, Osaka                     | osaka
            """)
    void theMostSpecificPlaceWins(String area, String path) {
        assertThat(AreaPaths.of(area)).isEqualTo(path);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            東京                 | tokyo
            東京都               | tokyo
            大阪                 | osaka
            大阪府大阪市          | osaka
            大阪市北区            | osaka
            渋谷                 | tokyo/A1303
            渋谷区               | tokyo/A1303
            東京都渋谷区道玄坂     | tokyo/A1303
            新宿                 | tokyo/A1304
            西新宿               | tokyo/A1304
            銀座                 | tokyo/A1302
            六本木               | tokyo/A1307
            浅草                 | tokyo/A1311
            上野                 | tokyo/A1311
            上野毛               | tokyo/A1318
            池袋                 | tokyo/A1321
            恵比寿               | tokyo/A1303
            秋葉原               | tokyo/A1301
            中目黒               | tokyo/A1316
            自由が丘             | tokyo/A1316
            下北沢               | tokyo/A1318
            吉祥寺               | tokyo/A1331
            高円寺               | tokyo/A1320
            港区                 | tokyo/A1307
            中央区               | tokyo/A1302
            北区                 | tokyo/A1322
            北千住               | tokyo/A1326
            田園調布             | tokyo/A1317
            世田谷区             | tokyo/A1318
            国立市               | tokyo/A1341
            """)
    void japaneseNamesMapLikeTheirRomaji(String area, String path) {
        assertThat(AreaPaths.of(area)).isEqualTo(path);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Kitasenju          | tokyo/A1326
            Kita-Senju         | tokyo/A1326
            Kotake-Mukaihara   | kotake-mukaihara
            Shinonome          | shinonome
            Kotobuki           | kotobuki
            Chuorinkan         | chuorinkan
            Denenchofu         | denenchofu
            Minatomirai        | minatomirai
            Toshimaen          | toshimaen
            Nakanoshima        | nakanoshima
            Edogawabashi       | edogawabashi
            Akita              | akita
            Oita               | oita
            Hachinohe          | hachinohe
            """)
    void shortNamesInsideLongerNamesAreNotMatched(String area, String path) {
        assertThat(AreaPaths.of(area)).isEqualTo(path);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Kyoto            | kyoto
            '  Fukuoka  '    | fukuoka
            HOKKAIDO         | hokkaido
            New York         | new-york
            Sapporo 2        | sapporo-2
            """)
    void unknownAreasBecomeLowerCaseSlugs(String area, String path) {
        assertThat(AreaPaths.of(area)).isEqualTo(path);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ../../admin                | admin
            a/../../b?x=1#f            | a-b-x-1-f
            %2e%2e%2fadmin             | 2e-2e-2fadmin
            <script>alert(1)</script>  | script-alert-1-script
            kyoto\\n/evil              | kyoto-n-evil
            osaka/../../admin          | osaka
            """)
    void pathInjectionLeavesOnlySafeCharacters(String area, String path) {
        assertThat(AreaPaths.of(area)).isEqualTo(path).matches("[a-z0-9/-]+");
    }

    @Test
    void controlCharactersAndSlashesNeverReachThePath() {
        assertThat(AreaPaths.of("kyoto\r\n/../\u0000admin")).isEqualTo("kyoto-admin");
    }

    @Test
    void aVeryLongUnknownAreaIsCutToSixtyFourCharacters() {
        String path = AreaPaths.of("a-".repeat(31) + "bcdefgh");

        assertThat(path).hasSize(64).matches("[a-z0-9-]+").doesNotEndWith("-");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t\n", "札幌", "日本", "!!!", "../..", "—"})
    void blankOrNothingSafeLeftIsTokyo(String area) {
        assertThat(AreaPaths.of(area)).isEqualTo("tokyo");
    }
}
