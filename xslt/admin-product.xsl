<?xml version="1.0" encoding="UTF-8"?>
<!-- One product in the console: list or delist it (with a reason), edit
     it, and its specs (规格) with their price per period (一次性 for a
     service delivered by people); links to its vendor, its shop page and
     its audit history. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="_admin-catalog.xsl"/>

  <xsl:variable name="p" select="/page/product"/>

  <xsl:template match="page" mode="title">
    <xsl:call-template name="cat-name"><xsl:with-param name="of" select="$p"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <p class="muted"><a href="/admin/catalog#products"><xsl:value-of select="m:t('admin.nav.catalog')"/></a></p>
    <h1>
      <xsl:call-template name="cat-name"><xsl:with-param name="of" select="$p"/><xsl:with-param name="both" select="true()"/></xsl:call-template>
      <xsl:text> </xsl:text>
      <xsl:call-template name="cat-listed"><xsl:with-param name="listed" select="$p/@listed"/></xsl:call-template>
    </h1>
    <dl class="product-facts">
      <dt><xsl:value-of select="m:t('admin.vendor')"/></dt>
      <dd>
        <a href="/admin/vendors/{$p/vendor/@slug}"><xsl:call-template name="cat-name"><xsl:with-param name="of" select="$p/vendor"/></xsl:call-template></a>
        <xsl:text> </xsl:text><code><xsl:value-of select="$p/vendor/@slug"/></code>
        <xsl:if test="$p/vendor/@status != 'active'">
          <xsl:text> </xsl:text><span class="status status-cancelled"><xsl:value-of select="$p/vendor/@status"/></span>
        </xsl:if>
      </dd>
      <dt><xsl:value-of select="m:t('admin.catalog.category')"/></dt>
      <dd><xsl:call-template name="cat-name"><xsl:with-param name="of" select="$p/category"/></xsl:call-template></dd>
      <dt><xsl:value-of select="m:t('admin.catalog.mode')"/></dt>
      <dd>
        <span class="badge badge-{$p/@delivery}"><xsl:value-of select="m:t(concat('delivery.', $p/@delivery))"/></span>
        <xsl:if test="$p/@free-login = '1'"><span class="badge badge-sso"><xsl:value-of select="m:t('product.free_login')"/></span></xsl:if>
      </dd>
      <dt><xsl:value-of select="m:t('admin.catalog.price_from')"/></dt>
      <dd><xsl:call-template name="money"><xsl:with-param name="v" select="$p/price-from"/></xsl:call-template></dd>
      <dt><xsl:value-of select="m:t('admin.catalog.updated')"/></dt>
      <dd><xsl:call-template name="time"><xsl:with-param name="t" select="$p/@updated"/></xsl:call-template></dd>
    </dl>
    <p class="admin-actions">
      <a class="button" href="/products/{$p/@id}"><xsl:value-of select="m:t('admin.catalog.shop_page')"/></a>
      <a class="button" href="/admin/audit?target=product&amp;ref={$p/@id}"><xsl:value-of select="m:t('admin.catalog.history')"/></a>
    </p>

    <xsl:call-template name="listing"/>

    <h2 id="edit"><xsl:value-of select="m:t('admin.catalog.edit_product')"/></h2>
    <form class="admin-form product-form" action="/admin/products/{$p/@id}" method="post">
      <xsl:call-template name="admin-csrf"/>
      <p class="field-hint"><xsl:value-of select="m:t('admin.catalog.vendor_fixed')"/></p>
      <xsl:call-template name="cat-product-fields">
        <xsl:with-param name="form" select="/page/form[@target = 'product']"/>
      </xsl:call-template>
      <div class="admin-actions">
        <button type="submit" class="primary"><xsl:value-of select="m:t('admin.catalog.save')"/></button>
      </div>
    </form>

    <h2 id="specs"><xsl:value-of select="m:t('admin.catalog.specs')"/></h2>
    <xsl:choose>
      <xsl:when test="$p/specs/spec">
        <xsl:call-template name="price-table"/>
        <xsl:apply-templates select="$p/specs/spec"/>
      </xsl:when>
      <xsl:otherwise><p class="muted"><xsl:value-of select="m:t('admin.catalog.no_specs')"/></p></xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="new-spec"/>
  </xsl:template>

  <!-- List (when it has something to sell) or delist (with a reason). -->
  <xsl:template name="listing">
    <xsl:choose>
      <xsl:when test="$p/@listed = '1'">
        <xsl:variable name="failed" select="/page/form[@failed][@target = 'delist']"/>
        <xsl:if test="$p/@on-sale = 0">
          <p class="flash flash-info" role="status"><xsl:value-of select="m:t('admin.catalog.nothing_on_sale')"/></p>
        </xsl:if>
        <form class="admin-form listing" action="/admin/products/{$p/@id}/delist" method="post">
          <xsl:call-template name="admin-csrf"/>
          <xsl:call-template name="cat-input">
            <xsl:with-param name="form" select="$failed"/>
            <xsl:with-param name="name" select="'reason'"/>
            <xsl:with-param name="label" select="m:t('admin.reason')"/>
            <xsl:with-param name="max" select="500"/>
            <xsl:with-param name="required" select="true()"/>
            <xsl:with-param name="hint" select="m:t('admin.catalog.delist_hint')"/>
          </xsl:call-template>
          <div class="admin-actions">
            <button type="submit" class="danger"><xsl:value-of select="m:t('admin.catalog.delist')"/></button>
          </div>
        </form>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="failed" select="/page/form[@failed][@target = 'list']"/>
        <form class="admin-form listing" action="/admin/products/{$p/@id}/list" method="post">
          <xsl:call-template name="admin-csrf"/>
          <xsl:call-template name="cat-input">
            <xsl:with-param name="form" select="$failed"/>
            <xsl:with-param name="name" select="'reason'"/>
            <xsl:with-param name="label" select="m:t('admin.catalog.reason_optional')"/>
            <xsl:with-param name="max" select="500"/>
            <xsl:with-param name="hint" select="m:t('admin.catalog.list_hint')"/>
          </xsl:call-template>
          <div class="admin-actions">
            <button type="submit" class="primary"><xsl:value-of select="m:t('admin.catalog.list')"/></button>
          </div>
        </form>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Every spec's price per period at a glance; a price is removed from
       its cell. -->
  <xsl:template name="price-table">
    <div class="table-scroll">
      <table class="data admin-table prices">
        <caption class="muted"><xsl:value-of select="m:t('product.prices_unit')"/></caption>
        <thead>
          <tr>
            <th scope="col"><xsl:value-of select="m:t('admin.catalog.spec')"/></th>
            <th scope="col" class="num"><xsl:call-template name="period"><xsl:with-param name="months" select="0"/></xsl:call-template></th>
            <th scope="col" class="num"><xsl:call-template name="period"><xsl:with-param name="months" select="1"/></xsl:call-template></th>
            <th scope="col" class="num"><xsl:call-template name="period"><xsl:with-param name="months" select="3"/></xsl:call-template></th>
            <th scope="col" class="num"><xsl:call-template name="period"><xsl:with-param name="months" select="6"/></xsl:call-template></th>
            <th scope="col" class="num"><xsl:call-template name="period"><xsl:with-param name="months" select="12"/></xsl:call-template></th>
            <th scope="col" class="num"><xsl:call-template name="period"><xsl:with-param name="months" select="24"/></xsl:call-template></th>
            <th scope="col" class="num"><xsl:call-template name="period"><xsl:with-param name="months" select="36"/></xsl:call-template></th>
            <th scope="col"><xsl:value-of select="m:t('admin.catalog.state')"/></th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="$p/specs/spec">
            <tr>
              <th scope="row"><a href="#spec-{@id}"><xsl:call-template name="cat-name"/></a></th>
              <xsl:call-template name="price-cell"><xsl:with-param name="months" select="0"/></xsl:call-template>
              <xsl:call-template name="price-cell"><xsl:with-param name="months" select="1"/></xsl:call-template>
              <xsl:call-template name="price-cell"><xsl:with-param name="months" select="3"/></xsl:call-template>
              <xsl:call-template name="price-cell"><xsl:with-param name="months" select="6"/></xsl:call-template>
              <xsl:call-template name="price-cell"><xsl:with-param name="months" select="12"/></xsl:call-template>
              <xsl:call-template name="price-cell"><xsl:with-param name="months" select="24"/></xsl:call-template>
              <xsl:call-template name="price-cell"><xsl:with-param name="months" select="36"/></xsl:call-template>
              <td><xsl:call-template name="spec-state"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
  </xsl:template>

  <xsl:template name="price-cell">
    <xsl:param name="months"/>
    <xsl:variable name="price" select="price[@months = $months]"/>
    <td class="num">
      <xsl:choose>
        <xsl:when test="$price">
          <xsl:call-template name="money-text"><xsl:with-param name="v" select="$price"/><xsl:with-param name="bare" select="true()"/></xsl:call-template>
          <xsl:text> </xsl:text>
          <form class="inline-form" action="/admin/specs/{@id}/prices" method="post">
            <xsl:call-template name="admin-csrf"/>
            <input type="hidden" name="op" value="remove"/>
            <input type="hidden" name="period" value="{$months}"/>
            <button type="submit" title="{m:t('admin.catalog.remove_price')}" aria-label="{m:t('admin.catalog.remove_price')}">×</button>
          </form>
        </xsl:when>
        <xsl:otherwise><span class="muted">—</span></xsl:otherwise>
      </xsl:choose>
    </td>
  </xsl:template>

  <xsl:template name="spec-state">
    <xsl:choose>
      <xsl:when test="@active = '1'"><span class="status status-active"><xsl:value-of select="m:t('admin.catalog.active')"/></span></xsl:when>
      <xsl:otherwise><span class="status status-cancelled"><xsl:value-of select="m:t('admin.catalog.inactive')"/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A spec: its names and features, on or off sale, and a price to set
       or remove for a period. -->
  <xsl:template match="spec">
    <xsl:variable name="failed" select="/page/form[@failed][@target = 'spec' and @id = current()/@id]"/>
    <xsl:variable name="price-failed" select="/page/form[@failed][@target = 'price' and @id = current()/@id]"/>
    <section class="spec" id="spec-{@id}">
      <h3>
        <xsl:call-template name="cat-name"><xsl:with-param name="both" select="true()"/></xsl:call-template>
        <xsl:text> </xsl:text>
        <xsl:call-template name="spec-state"/>
      </h3>
      <form class="admin-form price-form" action="/admin/specs/{@id}/prices" method="post">
        <xsl:call-template name="admin-csrf"/>
        <label class="field">
          <span><xsl:value-of select="m:t('admin.catalog.period')"/></span>
          <select name="period" id="period-{@id}">
            <xsl:variable name="chosen" select="$price-failed/field[@name = 'period']"/>
            <xsl:if test="$p/@delivery = 'manual'">
              <xsl:call-template name="period-option"><xsl:with-param name="months" select="0"/><xsl:with-param name="chosen" select="$chosen"/></xsl:call-template>
            </xsl:if>
            <xsl:call-template name="period-option"><xsl:with-param name="months" select="1"/><xsl:with-param name="chosen" select="$chosen"/></xsl:call-template>
            <xsl:call-template name="period-option"><xsl:with-param name="months" select="3"/><xsl:with-param name="chosen" select="$chosen"/></xsl:call-template>
            <xsl:call-template name="period-option"><xsl:with-param name="months" select="6"/><xsl:with-param name="chosen" select="$chosen"/></xsl:call-template>
            <xsl:call-template name="period-option"><xsl:with-param name="months" select="12"/><xsl:with-param name="chosen" select="$chosen"/></xsl:call-template>
            <xsl:call-template name="period-option"><xsl:with-param name="months" select="24"/><xsl:with-param name="chosen" select="$chosen"/></xsl:call-template>
            <xsl:call-template name="period-option"><xsl:with-param name="months" select="36"/><xsl:with-param name="chosen" select="$chosen"/></xsl:call-template>
          </select>
          <xsl:call-template name="cat-error">
            <xsl:with-param name="form" select="$price-failed"/>
            <xsl:with-param name="field" select="'period'"/>
            <xsl:with-param name="id" select="concat('period-', @id)"/>
          </xsl:call-template>
          <xsl:if test="$p/@delivery = 'auto'"><span class="field-hint"><xsl:value-of select="m:t('admin.catalog.once_hint')"/></span></xsl:if>
        </label>
        <xsl:call-template name="cat-input">
          <xsl:with-param name="form" select="$price-failed"/>
          <xsl:with-param name="name" select="'amount'"/>
          <xsl:with-param name="label" select="m:t('admin.catalog.amount')"/>
          <xsl:with-param name="max" select="12"/>
          <xsl:with-param name="prefix" select="concat('spec-', @id, '-')"/>
          <xsl:with-param name="hint" select="m:t('admin.catalog.amount_hint')"/>
        </xsl:call-template>
        <div class="admin-actions">
          <button type="submit" name="op" value="set" class="primary"><xsl:value-of select="m:t('admin.catalog.set_price')"/></button>
          <button type="submit" name="op" value="remove"><xsl:value-of select="m:t('admin.catalog.remove_price')"/></button>
        </div>
      </form>
      <details class="spec-edit">
        <xsl:if test="$failed"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
        <summary><xsl:value-of select="m:t('admin.catalog.edit_spec')"/></summary>
      <form class="admin-form spec-form" action="/admin/specs/{@id}" method="post">
        <xsl:call-template name="admin-csrf"/>
        <input type="hidden" name="op" value="edit"/>
        <xsl:call-template name="spec-fields">
          <xsl:with-param name="failed" select="$failed"/>
          <xsl:with-param name="prefix" select="concat('spec-', @id, '-')"/>
          <xsl:with-param name="spec" select="."/>
        </xsl:call-template>
        <div class="admin-actions">
          <button type="submit"><xsl:value-of select="m:t('admin.catalog.save_spec')"/></button>
        </div>
      </form>
      </details>
      <form class="admin-actions" action="/admin/specs/{@id}" method="post">
        <xsl:call-template name="admin-csrf"/>
        <xsl:choose>
          <xsl:when test="@active = '1'">
            <input type="hidden" name="op" value="deactivate"/>
            <button type="submit" class="danger"><xsl:value-of select="m:t('admin.catalog.deactivate')"/></button>
          </xsl:when>
          <xsl:otherwise>
            <input type="hidden" name="op" value="activate"/>
            <button type="submit"><xsl:value-of select="m:t('admin.catalog.activate')"/></button>
          </xsl:otherwise>
        </xsl:choose>
      </form>
    </section>
  </xsl:template>

  <xsl:template name="period-option">
    <xsl:param name="months"/>
    <xsl:param name="chosen"/>
    <option value="{$months}">
      <xsl:if test="string($chosen) = string($months)"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
      <xsl:call-template name="period"><xsl:with-param name="months" select="$months"/></xsl:call-template>
    </option>
  </xsl:template>

  <!-- A spec's names and features: the spec's own, or what a failed post
       sent. -->
  <xsl:template name="spec-fields">
    <xsl:param name="failed"/>
    <xsl:param name="prefix"/>
    <xsl:param name="spec" select="/.."/>
    <xsl:call-template name="cat-input">
      <xsl:with-param name="form" select="$failed"/>
      <xsl:with-param name="name" select="'name_zh'"/>
      <xsl:with-param name="value" select="$spec/name-zh"/>
      <xsl:with-param name="label" select="m:t('admin.catalog.name_zh')"/>
      <xsl:with-param name="max" select="100"/>
      <xsl:with-param name="required" select="true()"/>
      <xsl:with-param name="prefix" select="$prefix"/>
    </xsl:call-template>
    <xsl:call-template name="cat-input">
      <xsl:with-param name="form" select="$failed"/>
      <xsl:with-param name="name" select="'name_en'"/>
      <xsl:with-param name="value" select="$spec/name-en"/>
      <xsl:with-param name="label" select="m:t('admin.catalog.name_en')"/>
      <xsl:with-param name="max" select="100"/>
      <xsl:with-param name="required" select="true()"/>
      <xsl:with-param name="prefix" select="$prefix"/>
    </xsl:call-template>
    <xsl:call-template name="cat-input">
      <xsl:with-param name="form" select="$failed"/>
      <xsl:with-param name="name" select="'features_zh'"/>
      <xsl:with-param name="value" select="$spec/features-zh"/>
      <xsl:with-param name="label" select="m:t('admin.catalog.features_zh')"/>
      <xsl:with-param name="max" select="500"/>
      <xsl:with-param name="prefix" select="$prefix"/>
      <xsl:with-param name="hint" select="m:t('admin.catalog.features_hint')"/>
    </xsl:call-template>
    <xsl:call-template name="cat-input">
      <xsl:with-param name="form" select="$failed"/>
      <xsl:with-param name="name" select="'features_en'"/>
      <xsl:with-param name="value" select="$spec/features-en"/>
      <xsl:with-param name="label" select="m:t('admin.catalog.features_en')"/>
      <xsl:with-param name="max" select="500"/>
      <xsl:with-param name="prefix" select="$prefix"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="new-spec">
    <h3 id="new-spec"><xsl:value-of select="m:t('admin.catalog.add_spec')"/></h3>
    <form class="admin-form spec-form" action="/admin/products/{$p/@id}/specs" method="post">
      <xsl:call-template name="admin-csrf"/>
      <xsl:call-template name="spec-fields">
        <xsl:with-param name="failed" select="/page/form[@failed][@target = 'spec-new']"/>
        <xsl:with-param name="prefix" select="'spec-new-'"/>
      </xsl:call-template>
      <div class="admin-actions">
        <button type="submit" class="primary"><xsl:value-of select="m:t('admin.catalog.add_spec')"/></button>
      </div>
    </form>
  </xsl:template>
</xsl:stylesheet>
